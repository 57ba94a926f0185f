import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { uuidv7 } from '@switchboard/engine';

export type ConversationStatus = 'open' | 'closed';
export type Speaker = 'customer' | 'agent' | 'system';
export type ConversationPriority = 'low' | 'normal' | 'high' | 'urgent';

/** Waiting order, most urgent first: the waiting index and ConversationOwnershipService.waiting sort by it. */
export const PRIORITY_RANK_SQL = `case "priority" when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;

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
@Index({
  name: 'conversations_open_owner',
  expression: `create index "conversations_open_owner" on "conversations" ("department_id", "owner_user_id") where "status" = 'open'`,
})
@Index({
  name: 'conversations_waiting',
  expression: `create index "conversations_waiting" on "conversations" ("department_id", "team_id", (${PRIORITY_RANK_SQL}), "queued_at") where "status" = 'open' and "owner_user_id" is null`,
})
@Index({
  name: 'conversations_snoozed_until',
  expression: `create index "conversations_snoozed_until" on "conversations" ("snoozed_until") where "snoozed_until" is not null`,
})
// A contact's conversations by age: whether one is the contact's first (routing's isNewContact), without a scan.
@Index({
  name: 'conversations_contact_id_created_at_index',
  expression: `create index "conversations_contact_id_created_at_index" on "conversations" ("contact_id", "created_at")`,
})
// The list's label filter (`labels @> array[…]`): without it, every conversation in reach was scanned.
@Index({
  name: 'conversations_labels',
  expression: `create index "conversations_labels" on "conversations" using gin ("labels")`,
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

  /** The one agent who answers it; kept after close (history), cleared on reopen. */
  @Property({ type: 'uuid', nullable: true })
  ownerUserId?: string | null;

  /** The team (queue) within the department it waits in; null: the department's own queue. */
  @Property({ type: 'uuid', nullable: true })
  teamId?: string | null;

  @Enum({ items: ['low', 'normal', 'high', 'urgent'], default: 'normal' })
  priority: ConversationPriority = 'normal';

  @Property({ type: 'text[]', default: '{}' })
  labels: string[] = [];

  @Property({ type: 'text', nullable: true })
  language?: string | null;

  @Property({ type: 'text[]', default: '{}' })
  requiredSkills: string[] = [];

  @Property({ type: 'timestamptz', nullable: true })
  snoozedUntil?: Date | null;

  @Property({ type: 'boolean', default: false })
  snoozedUntilReply: boolean = false;

  /** Since when it waits for an owner (set when opened or returned to the queue); null while owned. */
  @Property({ type: 'timestamptz', nullable: true })
  queuedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  closedAt?: Date | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
