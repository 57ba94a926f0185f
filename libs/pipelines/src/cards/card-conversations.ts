import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The conversation behind a card, for pipelines (which sits below conversations): conversations owns that table
 * and provides this port, so pipelines reads it without its SQL and without importing a library above it.
 */
export abstract class CardConversations {
  /** The WhatsApp number a conversation runs on; null for an unknown conversation. */
  abstract numberOf(em: EntityManager, conversationId: string): Promise<string | null>;
}
