import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { uuidv7 } from '../ids/uuid-v7';

/** A hook call that threw or ran past its timeout; shown to admins, never retried blindly. */
@Entity({ tableName: 'plugin_hook_failures' })
@Index({ properties: ['pluginId', 'at'] })
export class PluginHookFailure {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'timestamptz' })
  at: Date = new Date();

  @Property({ type: 'text' })
  pluginId!: string;

  @Property({ type: 'uuid' })
  numberId!: string;

  @Property({ type: 'text' })
  hook!: string;

  @Property({ type: 'text' })
  kind!: 'error' | 'timeout';

  @Property({ type: 'text' })
  message!: string;

  /** What the hook was about, e.g. the message id. */
  @Property({ type: 'text', nullable: true })
  subjectId?: string | null;
}
