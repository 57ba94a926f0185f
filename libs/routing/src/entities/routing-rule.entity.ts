import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A department's routing rule (optionally for one number), from its admins or synced from its plugin, in the order
 * the rules run. Written in SQL by the rules services; this describes the table for the schema check.
 */
@Entity({ tableName: 'routing_rules' })
@Index({ name: 'routing_rules_department', properties: ['departmentId', 'position'] })
@Index({
  name: 'routing_rules_plugin_key',
  expression: `create unique index "routing_rules_plugin_key" on "routing_rules" ("department_id", "plugin_id", "plugin_rule_key") where "source" = 'plugin'`,
})
export class RoutingRule {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  departmentId!: string;

  @Property({ type: 'uuid', nullable: true })
  numberId?: string | null;

  @Property({ type: 'int' })
  position!: number;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'boolean', default: true })
  enabled!: boolean;

  @Enum({ items: ['admin', 'plugin'] })
  source!: 'admin' | 'plugin';

  @Property({ type: 'text', nullable: true })
  pluginId?: string | null;

  @Property({ type: 'text', nullable: true })
  pluginRuleKey?: string | null;

  @Enum({ items: ['conversation_opened', 'every_message'] })
  trigger!: 'conversation_opened' | 'every_message';

  @Property({ type: 'jsonb', defaultRaw: `'{}'` })
  conditions!: Record<string, unknown>;

  @Property({ type: 'jsonb', defaultRaw: `'{}'` })
  actions!: Record<string, unknown>;

  @Property({ type: 'boolean', default: false })
  stop!: boolean;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt!: Date;

  @Property({ type: 'text', nullable: true })
  updatedBy?: string | null;
}
