import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { uuidv7 } from '@switchboard/engine';

/**
 * Every status Meta reported, deduplicated on (number, wamid, status). Kept even when the message is not known
 * yet (a `sent` webhook can beat our own send bookkeeping); `appliedAt` stays null until it is applied, and it
 * is applied only to a message sent from the number whose delivery reported it.
 */
@Entity({ tableName: 'message_status_events' })
@Unique({ properties: ['numberId', 'wamid', 'status'] })
export class MessageStatusEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  /**
   * The number named by the delivery (metadata.phone_number_id). Null only for statuses stored before statuses
   * were scoped to numbers whose message was never known: no number can claim them, so they are never applied.
   */
  @Property({ type: 'uuid', nullable: true })
  numberId?: string | null;

  @Property({ type: 'text' })
  wamid!: string;

  @Property({ type: 'text' })
  status!: string;

  @Property({ type: 'timestamptz' })
  occurredAt!: Date;

  @Property({ type: 'jsonb' })
  payload: Record<string, unknown> = {};

  @Property({ type: 'timestamptz', nullable: true })
  appliedAt?: Date | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
