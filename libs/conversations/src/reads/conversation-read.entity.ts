import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A reader's mark on one conversation: the last customer message they have read. `readerId` is the signed-in user
 * (or the API token) that read it. Messages are counted as unread after (messageCreatedAt, messageId), the order
 * they were stored in, so a late delivery carrying an older WhatsApp timestamp still counts as unread.
 */
@Entity({ tableName: 'conversation_reads' })
export class ConversationRead {
  @PrimaryKey({ type: 'uuid' })
  readerId!: string;

  @PrimaryKey({ type: 'uuid' })
  conversationId!: string;

  @Property({ type: 'uuid' })
  messageId!: string;

  @Property({ type: 'timestamptz' })
  messageCreatedAt!: Date;

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
