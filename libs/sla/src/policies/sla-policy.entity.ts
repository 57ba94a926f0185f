import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * A department's SLA policy, from its admins or synced from its plugin, in the order policies are tried. Written in
 * SQL by the policy services; this describes the table for the schema check.
 */
@Entity({ tableName: 'sla_policies' })
@Unique({ name: 'sla_policies_key', properties: ['departmentId', 'key'] })
@Index({ name: 'sla_policies_department', properties: ['departmentId', 'position'] })
export class SlaPolicyRow {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  departmentId!: string;

  @Property({ type: 'text' })
  key!: string;

  @Property({ type: 'text' })
  name!: string;

  @Enum({ items: ['admin', 'plugin'] })
  source!: 'admin' | 'plugin';

  @Property({ type: 'text', nullable: true })
  pluginId?: string | null;

  @Property({ type: 'boolean', default: true })
  enabled!: boolean;

  @Property({ type: 'int' })
  position!: number;

  @Property({ type: 'jsonb', defaultRaw: `'{}'` })
  match!: Record<string, unknown>;

  @Property({ type: 'jsonb', defaultRaw: `'{}'` })
  targets!: Record<string, unknown>;

  @Property({ type: 'boolean', default: false })
  businessHours!: boolean;

  @Property({ type: 'jsonb', defaultRaw: `'[]'` })
  escalations!: unknown[];

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt!: Date;

  @Property({ type: 'text', nullable: true })
  updatedBy?: string | null;
}
