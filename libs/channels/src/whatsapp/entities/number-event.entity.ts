import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { uuidv7 } from '@switchboard/engine';

/** What happens to a number over time: a token Meta refused, a rotation, a move. Never secrets. */
export type NumberEventKind =
  | 'token_invalid'
  | 'access_token_rotated'
  | 'app_secret_rotated'
  | 'moved'
  | 'disabled'
  | 'enabled'
  | 'archived'
  | 'unarchived'
  | 'quality_changed'
  | 'name_status_changed'
  | 'account_update'
  | 'account_alert'
  | 'capability_changed'
  | 'security'
  | 'alert_raised'
  | 'alert_resolved';

/** A number's history, newest last. */
@Entity({ tableName: 'number_events' })
@Index({ properties: ['numberId', 'at'] })
export class NumberEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  numberId!: string;

  @Property({ type: 'text' })
  kind!: NumberEventKind;

  @Property({ type: 'timestamptz' })
  at: Date = new Date();

  @Property({ type: 'jsonb' })
  detail: Record<string, unknown> = {};
}
