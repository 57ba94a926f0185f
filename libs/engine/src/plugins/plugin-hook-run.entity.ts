import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A hook call for one domain event and one plugin: `done` (a re-delivered event skips it), `retrying` (failed;
 * `event` kept for the retry at `retry_at`) or `failed` (out of attempts, its failures are on record).
 */
@Entity({ tableName: 'plugin_hook_runs' })
@Index({ properties: ['createdAt'] })
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

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
