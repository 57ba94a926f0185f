import { ArrayType, Entity, Index, JsonType, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { AgentAvailability, AgentSchedule, AvailabilitySource } from '@switchboard/contracts';
import { uuidv7 } from '@switchboard/engine';

/** A user's current availability (one row per user who ever set one; no row means offline). */
@Entity({ tableName: 'agent_presence' })
export class AgentPresence {
  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'text' })
  status!: AgentAvailability;

  @Property({ type: 'timestamptz' })
  changedAt!: Date;
}

/** Every availability change: who (or the product), when and why. Append-only. */
@Entity({ tableName: 'agent_availability_changes' })
@Index({ properties: ['userId', 'at'] })
export class AgentAvailabilityChange {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'text' })
  status!: AgentAvailability;

  @Property({ type: 'text', nullable: true })
  previous?: AgentAvailability | null;

  @Property({ type: 'text' })
  source!: AvailabilitySource;

  @Property({ type: 'uuid', nullable: true })
  changedBy?: string | null;

  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  @Property({ type: 'timestamptz' })
  at!: Date;
}

/** What an agent handles in one department where they hold a role: capacity, skills, languages, schedule. */
@Entity({ tableName: 'agent_department_settings' })
@Unique({ properties: ['departmentId', 'userId'] })
export class AgentDepartmentSettings {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'uuid' })
  departmentId!: string;

  @Property({ type: 'integer', nullable: true })
  capacity?: number | null;

  @Property({ type: ArrayType })
  skills!: string[];

  @Property({ type: ArrayType })
  languages!: string[];

  @Property({ type: JsonType, nullable: true })
  schedule?: AgentSchedule | null;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;
}
