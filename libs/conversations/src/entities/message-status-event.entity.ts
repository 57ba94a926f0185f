import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { uuidv7 } from '@switchboard/engine';

/**
 * Every status Meta reported, deduplicated on (wamid, status). Kept even when the message is not known
 * yet (a `sent` webhook can beat our own send bookkeeping); `appliedAt` stays null until it is applied.
 */
@Entity({ tableName: 'message_status_events' })
@Unique({ properties: ['wamid', 'status'] })
export class MessageStatusEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

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
