import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { uuidv7 } from '@switchboard/engine';

export type ConversationStatus = 'open' | 'closed';
export type Speaker = 'customer' | 'agent' | 'system';

/**
 * One thread between a contact and one of our WhatsApp numbers. At most one is open per
 * (number, contact): a partial unique index enforces it.
 */
@Entity({ tableName: 'conversations' })
@Index({ properties: ['departmentId', 'lastMessageAt'] })
@Index({
  name: 'conversations_one_open',
  expression: `create unique index "conversations_one_open" on "conversations" ("number_id", "contact_id") where "status" = 'open'`,
})
export class Conversation {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  numberId!: string;

  @Property({ type: 'uuid' })
  departmentId!: string;

  @Property({ type: 'uuid' })
  contactId!: string;

  @Property({ type: 'text' })
  status: ConversationStatus = 'open';

  /** Who sent the latest message: drives 🟢 (we replied last) / 🟡 (customer waiting). */
  @Property({ type: 'text', nullable: true })
  lastSpeaker?: Speaker | null;

  /** When the customer started waiting for us; null when we replied last. */
  @Property({ type: 'timestamptz', nullable: true })
  waitingSince?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  lastInboundAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  lastOutboundAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  lastMessageAt?: Date | null;

  /** End of Meta's 24-hour customer-service window: free-form replies are possible until then. */
  @Property({ type: 'timestamptz', nullable: true })
  windowExpiresAt?: Date | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
