import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '@switchboard/engine';

/** What a reply needs to know of its conversation and its contact before it is recorded. */
export interface ReplyConversation {
  id: string;
  status: 'open' | 'closed';
  numberId: string;
  /** End of Meta's 24-hour customer-service window; null: the customer never wrote. */
  windowExpiresAt: Date | null;
  /** The contact's phone number (wa_id), when known. */
  waId: string | null;
  /** Where the message goes: the wa_id, else the business-scoped user id. */
  to: string | null;
}

/** The reads a reply does (channels), on the tables this library owns. Scope-free: the caller checked access. */
@Injectable()
export class ReplyFactsQuery {
  async conversation(em: EntityManager, conversationId: string): Promise<ReplyConversation | null> {
    const [row] = await sql<{
      id: string;
      status: 'open' | 'closed';
      number_id: string;
      window_expires_at: Date | string | null;
      wa_id: string | null;
      bsuid: string | null;
    }>(
      em,
      `select c.id, c.status, c.number_id, c.window_expires_at, k.wa_id, k.bsuid
         from conversations c join contacts k on k.id = c.contact_id where c.id = ?`,
      [conversationId],
    );
    if (!row) return null;
    return {
      id: row.id,
      status: row.status,
      numberId: row.number_id,
      windowExpiresAt: row.window_expires_at ? new Date(row.window_expires_at) : null,
      waId: row.wa_id,
      to: row.wa_id ?? row.bsuid,
    };
  }

  /** The message this Idempotency-Key already created in the conversation, if any. */
  async byClientKey(em: EntityManager, conversationId: string, key: string): Promise<string | null> {
    const [row] = await sql<{ id: string }>(
      em,
      'select id from messages where conversation_id = ? and client_key = ?',
      [conversationId, key],
    );
    return row?.id ?? null;
  }

  /** A message of the conversation a reply quotes: null when there is none; wamid null until WhatsApp has it. */
  async quoted(
    em: EntityManager,
    conversationId: string,
    messageId: string,
  ): Promise<{ wamid: string | null } | null> {
    const [row] = await sql<{ wamid: string | null }>(
      em,
      'select wamid from messages where id = ? and conversation_id = ?',
      [messageId, conversationId],
    );
    return row ?? null;
  }
}
