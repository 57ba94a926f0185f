import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { uuidv7 } from '@switchboard/engine';

/** What processing did with one account or template change. */
export type AccountEventOutcome = 'applied' | 'stale' | 'unknown_template' | 'not_handled';

/**
 * One account or template webhook change (template status, number quality, account alert, consent…) as it was
 * applied, with Meta's time and our receipt. One row per delivery and path (a replayed delivery records nothing new)
 * and per content key (nor does Meta's retry of the same change, which arrives as another delivery).
 */
@Entity({ tableName: 'whatsapp_account_events' })
@Unique({ properties: ['inboundEventId', 'path'] })
@Unique({ properties: ['contentKey'] })
@Index({ properties: ['numberIds'], type: 'gin' })
@Index({ properties: ['wabaId', 'receivedAt'] })
export class AccountEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  inboundEventId!: string;

  /** Where in the delivery, e.g. `entry[0].changes[1]`. */
  @Property({ type: 'text' })
  path!: string;

  /** sha256 of field, WABA, entry time and the change as sent (null on rows recorded before it existed). */
  @Property({ type: 'text', nullable: true })
  contentKey: string | null = null;

  /** Meta's change field, e.g. `message_template_status_update`. */
  @Property({ type: 'text' })
  field!: string;

  @Property({ type: 'text', nullable: true })
  wabaId: string | null = null;

  /** The registered numbers (of the signing app) it was applied to. */
  @Property({ type: 'uuid[]' })
  numberIds: string[] = [];

  @Property({ type: 'uuid', nullable: true })
  templateId: string | null = null;

  @Property({ type: 'text' })
  outcome!: AccountEventOutcome;

  /** Meta's timestamp for the change, when it sent one. */
  @Property({ type: 'timestamptz', nullable: true })
  occurredAt: Date | null = null;

  /** When the delivery reached us. */
  @Property({ type: 'timestamptz' })
  receivedAt!: Date;

  @Property({ type: 'jsonb' })
  detail: Record<string, unknown> = {};
}
