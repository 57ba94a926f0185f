import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Team } from '@switchboard/identity';
import { Department } from '@switchboard/pipelines';

/**
 * A department's queue (no team) or one of its teams' queues: strategy, matching and hand-over policies, and the
 * round-robin cursor. Written in SQL by QueueRepository; this describes the table for the schema check.
 */
@Entity({ tableName: 'assignment_queues' })
@Index({
  name: 'assignment_queues_queue',
  expression: `create unique index "assignment_queues_queue" on "assignment_queues" ("department_id", coalesce("team_id", '00000000-0000-0000-0000-000000000000'::uuid))`,
})
export class AssignmentQueue {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Department, { fieldName: 'department_id', deleteRule: 'cascade' })
  department!: Department;

  @ManyToOne(() => Team, { fieldName: 'team_id', nullable: true, deleteRule: 'cascade' })
  team?: Team | null;

  @Enum({ items: ['round_robin', 'least_loaded', 'manual'], default: 'round_robin' })
  strategy!: 'round_robin' | 'least_loaded' | 'manual';

  @Property({ type: 'boolean', default: true })
  matchLanguage!: boolean;

  @Property({ type: 'boolean', default: true })
  matchSkills!: boolean;

  @Enum({ items: ['return_to_queue', 'reassign', 'keep'], default: 'return_to_queue' })
  whenAgentOffline!: 'return_to_queue' | 'reassign' | 'keep';

  @Enum({ items: ['return_to_queue', 'reassign', 'keep'], default: 'return_to_queue' })
  atShiftEnd!: 'return_to_queue' | 'reassign' | 'keep';

  @Property({ type: 'uuid', nullable: true })
  cursorUserId?: string | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt!: Date;
}
