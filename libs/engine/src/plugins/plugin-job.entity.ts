import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { uuidv7 } from '../ids/uuid-v7';

/** A job a plugin enqueued (ctx.jobs.enqueue): its data stays here, the queue job carries only the id. */
@Entity({ tableName: 'plugin_jobs' })
export class PluginJob {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'text' })
  pluginId!: string;

  @Property({ type: 'uuid' })
  numberId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'jsonb' })
  data: Record<string, unknown> = {};

  @Property({ type: 'timestamptz' })
  runAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  doneAt?: Date | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
