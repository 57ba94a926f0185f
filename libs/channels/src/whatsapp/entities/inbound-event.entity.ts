import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { uuidv7 } from '@switchboard/engine';

/**
 * pending → processed; `partial` when some items failed (see failures), `failed` when none could be used; `held`
 * when it names a disabled number (back to pending when the number is enabled).
 */
export type InboundEventStatus = 'pending' | 'processed' | 'partial' | 'failed' | 'held';

export interface InboundItemFailure {
  /** Where in the payload, e.g. `entry[0].changes[1].messages[3]`. */
  path: string;
  reason: string;
  item?: unknown;
}

/** A change no module handles (an unknown or unprocessed field): kept visible, never failed, never dropped. */
export interface UnhandledChange {
  path: string;
  field: string;
  reason: string;
}

/**
 * The durable log of every webhook POST exactly as Meta sent it. The row is committed before the
 * webhook is acknowledged, so an accepted delivery can always be (re)processed.
 */
@Entity({ tableName: 'inbound_events' })
@Index({ properties: ['status', 'receivedAt'] })
@Index({ properties: ['numberIds'], type: 'gin' })
// Deliveries not resolved yet: the only ones whose visibility is still read from the raw body.
@Index({
  name: 'inbound_events_unresolved_received_at_index',
  expression: `create index "inbound_events_unresolved_received_at_index" on "inbound_events" ("received_at") where "number_ids" is null`,
})
// What intake claims, oldest first: only pending rows, so a claim never walks past processed ones.
@Index({
  name: 'inbound_events_pending_received_at_index',
  expression: `create index "inbound_events_pending_received_at_index" on "inbound_events" ("received_at") where "status" = 'pending' and "last_error" is null`,
})
export class InboundEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'timestamptz' })
  receivedAt: Date = new Date();

  /** The raw body, byte for byte (UTF-8), as it was signed. */
  @Property({ type: 'text', lazy: true })
  rawBody!: string;

  /** Which app secret verified the signature; processing refuses changes for numbers of other apps. */
  @Property({ type: 'text' })
  secretFingerprint!: string;

  /** The signing secret was a number's previous app secret, accepted during the overlap after a rotation. */
  @Property({ type: 'boolean', default: false })
  signedWithPreviousSecret: boolean = false;

  @Property({ type: 'text' })
  status: InboundEventStatus = 'pending';

  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'timestamptz', nullable: true })
  claimedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  processedAt?: Date | null;

  @Property({ type: 'integer', nullable: true })
  itemCount?: number | null;

  @Property({ type: 'jsonb', nullable: true })
  failures?: InboundItemFailure[] | null;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  /** Changes of the delivery that nothing processed (e.g. a field Switchboard does not handle), with why. */
  @Property({ type: 'jsonb', nullable: true })
  unhandled?: UnhandledChange[] | null;

  /**
   * whatsapp_numbers ids of the registered numbers (of the signing app) the body names, set when it is processed;
   * null until then. A delivery belongs to these numbers' departments.
   */
  @Property({ type: 'uuid[]', nullable: true })
  numberIds?: string[] | null;

  /** Set with numberIds: the body also names a phone number id that is no registered number of the signing app. */
  @Property({ type: 'boolean', nullable: true })
  namesUnownedNumber?: boolean | null;
}
