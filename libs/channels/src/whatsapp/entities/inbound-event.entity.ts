import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { uuidv7 } from '@switchboard/engine';

/** pending → processed; `partial` when some items failed (see failures), `failed` when none could be used. */
export type InboundEventStatus = 'pending' | 'processed' | 'partial' | 'failed';

export interface InboundItemFailure {
  /** Where in the payload, e.g. `entry[0].changes[1].messages[3]`. */
  path: string;
  reason: string;
  item?: unknown;
}

/**
 * The durable log of every webhook POST exactly as Meta sent it. The row is committed before the
 * webhook is acknowledged, so an accepted delivery can always be (re)processed.
 */
@Entity({ tableName: 'inbound_events' })
@Index({ properties: ['status', 'receivedAt'] })
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
}
