import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A hook call for one domain event and one plugin: `done` (a re-delivered event skips it), `retrying` (failed;
 * `event` kept for the retry at `retry_at`) or `failed` (out of attempts, its failures are on record).
 */
@Entity({ tableName: 'plugin_hook_runs' })
@Index({ name: 'plugin_hook_runs_created_index', properties: ['createdAt'] })
@Index({
  name: 'plugin_hook_runs_retry_index',
  expression: `create index "plugin_hook_runs_retry_index" on "plugin_hook_runs" ("retry_at") where "status" = 'retrying'`,
})
export class PluginHookRun {
  /** The domain event's stream position (`xid:seq`). */
  @PrimaryKey({ type: 'text' })
  position!: string;

  @PrimaryKey({ type: 'text' })
  pluginId!: string;

  /** The hook name, or `automation:<name>` for a stage automation. */
  @PrimaryKey({ type: 'text' })
  hook!: string;

  @Property({ type: 'uuid' })
  numberId!: string;

  @Property({ type: 'uuid' })
  departmentId!: string;

  @Property({ type: 'text', nullable: true })
  subjectId?: string | null;

  @Property({ type: 'text' })
  status!: 'done' | 'retrying' | 'failed';

  @Property({ type: 'int' })
  attempts = 0;

  @Property({ type: 'timestamptz', nullable: true })
  retryAt?: Date | null;

  @Property({ type: 'jsonb', nullable: true })
  event?: Record<string, unknown> | null;

  // Database defaults: the runs are recorded in set-based SQL that names neither column.
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
