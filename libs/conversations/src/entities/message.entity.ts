import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { uuidv7 } from '@switchboard/engine';

export type MessageDirection = 'in' | 'out';

/**
 * Lifecycle of a message. Inbound: received. Outbound: queued → sending → accepted (Meta gave a wamid)
 * → sent → delivered → read → played, or failed; `unconfirmed` when the send's response was lost and
 * we refuse to re-send blindly.
 */
export type MessageStatus =
  | 'received'
  | 'queued'
  | 'sending'
  | 'unconfirmed'
  | 'accepted'
  | 'sent'
  | 'delivered'
  | 'read'
  | 'played'
  | 'failed';

export interface MessageError {
  code: number | null;
  title: string;
  details?: string;
}

export interface MessageMedia {
  metaId?: string;
  link?: string;
  mimeType?: string;
  sha256?: string;
  caption?: string;
  filename?: string;
  voice?: boolean;
  animated?: boolean;
  /** pending → stored | failed (inbound downloads); outbound media is sent by reference. */
  state?: 'pending' | 'stored' | 'failed';
  storageKey?: string;
  size?: number;
  error?: string;
}

@Entity({ tableName: 'messages' })
@Index({ properties: ['conversationId', 'createdAt'] })
// An Idempotency-Key belongs to its conversation: another department reusing the same key is another request.
@Unique({ properties: ['conversationId', 'clientKey'] })
// A wamid identifies a message within the number that received or sent it: one app's delivery can never make
// another number's message a "duplicate". wamid first, so lookups by wamid alone still use the index.
@Unique({ properties: ['wamid', 'numberId'] })
export class Message {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  /** Meta's message id. Unique per number: a redelivered webhook can never create a second row. */
  @Property({ type: 'text', nullable: true })
  wamid?: string | null;

  @Property({ type: 'uuid' })
  conversationId!: string;

  /** The number of the message's conversation, copied so wamid lookups are scoped without a join. */
  @Property({ type: 'uuid' })
  numberId!: string;

  @Property({ type: 'text' })
  direction!: MessageDirection;

  /** Meta's message type (text, image, reaction, …) or `template` for outbound templates. */
  @Property({ type: 'text' })
  type!: string;

  /** Human-readable text (body, caption, title…) for previews and search. */
  @Property({ type: 'text', nullable: true })
  body?: string | null;

  /** The type-specific content, normalised. */
  @Property({ type: 'jsonb' })
  content: Record<string, unknown> = {};

  @Property({ type: 'jsonb', nullable: true })
  media?: MessageMedia | null;

  @Property({ type: 'text', nullable: true })
  replyToWamid?: string | null;

  @Property({ type: 'text' })
  status!: MessageStatus;

  /** Monotonic rank of `status`: a status update only applies when it raises the rank. */
  @Property({ type: 'smallint' })
  statusRank: number = 0;

  @Property({ type: 'jsonb', nullable: true })
  error?: MessageError | null;

  /** Meta's timestamp (inbound) or when Meta accepted it (outbound). */
  @Property({ type: 'timestamptz', nullable: true })
  sentAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  readAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  editedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date | null;

  /** The webhook delivery (inbound_events row) that brought this message: traceability and replay. */
  @Property({ type: 'uuid', nullable: true, index: true })
  inboundEventId?: string | null;

  /** Idempotency key supplied by the API caller for outbound messages; unique within the conversation. */
  @Property({ type: 'text', nullable: true })
  clientKey?: string | null;

  /** The agent who wrote an outbound message; null for inbound ones and the product's own. */
  @Property({ type: 'uuid', nullable: true })
  authorUserId?: string | null;

  /** Sent by the product (auto-replies, plugins, templates by rules), not a person: it answers no response clock. */
  @Property({ type: 'boolean', default: false })
  automated: boolean = false;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
