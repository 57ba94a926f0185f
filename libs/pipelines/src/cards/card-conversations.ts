import type { EntityManager } from '@mikro-orm/postgresql';
import type { ConversationPriority } from '@switchboard/contracts';

/** What a card shows of who handles its conversation and how urgent it is. */
export interface CardConversationHandling {
  ownerUserId: string | null;
  priority: ConversationPriority;
  labels: string[];
}

/**
 * The conversation behind a card, for pipelines (which sits below conversations): conversations owns that table
 * and provides this port, so pipelines reads it without its SQL and without importing a library above it.
 */
export abstract class CardConversations {
  /** The WhatsApp number a conversation runs on; null for an unknown conversation. */
  abstract numberOf(em: EntityManager, conversationId: string): Promise<string | null>;

  /** Owner, priority and labels of each conversation, in one query for a page of cards (unknown ids are absent). */
  abstract handlingOf(
    em: EntityManager,
    conversationIds: readonly string[],
  ): Promise<Map<string, CardConversationHandling>>;
}
