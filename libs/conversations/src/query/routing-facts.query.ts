import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '@switchboard/engine';

/** What routing rules test about a conversation and its contact. */
export interface ConversationRoutingFacts {
  conversationId: string;
  departmentId: string;
  numberId: string;
  contactId: string;
  status: 'open' | 'closed';
  /** The contact's phone as WhatsApp gives it (digits, no +), when known. */
  waId: string | null;
  attributes: Record<string, string | number | boolean>;
  /** The contact's first conversation with this WhatsApp Business Account. */
  isNewContact: boolean;
  windowExpiresAt: Date | null;
}

/** A customer message as routing reads it. */
export interface RoutingMessage {
  id: string;
  conversationId: string;
  type: string;
  text: string | null;
  createdAt: Date;
}

/** Reads for the routing library: set-based, one statement per call, whatever the batch size. */
@Injectable()
export class RoutingFactsQuery {
  async conversations(
    em: EntityManager,
    ids: readonly string[],
  ): Promise<Map<string, ConversationRoutingFacts>> {
    if (!ids.length) return new Map();
    const rows = await sql<{
      id: string;
      department_id: string;
      number_id: string;
      contact_id: string;
      status: 'open' | 'closed';
      wa_id: string | null;
      attributes: Record<string, string | number | boolean> | null;
      is_new: boolean;
      window_expires_at: Date | null;
    }>(
      em,
      `select c.id, c.department_id, c.number_id, c.contact_id, c.status, ct.wa_id, ct.attributes,
              not exists (select 1 from conversations o
                           where o.contact_id = c.contact_id and o.id <> c.id and o.created_at <= c.created_at) as is_new,
              c.window_expires_at
         from conversations c join contacts ct on ct.id = c.contact_id
        where c.id = any(?::uuid[])`,
      [ids],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        {
          conversationId: r.id,
          departmentId: r.department_id,
          numberId: r.number_id,
          contactId: r.contact_id,
          status: r.status,
          waId: r.wa_id,
          attributes: r.attributes ?? {},
          isNewContact: r.is_new,
          windowExpiresAt: r.window_expires_at ? new Date(r.window_expires_at) : null,
        },
      ]),
    );
  }

  /** These inbound messages, by id. */
  async messages(em: EntityManager, ids: readonly string[]): Promise<Map<string, RoutingMessage>> {
    if (!ids.length) return new Map();
    return this.toMap(
      await sql<MessageRow>(
        em,
        `select id, conversation_id, type, body, created_at from messages where id = any(?::uuid[])`,
        [ids],
      ),
      (m) => m.id,
    );
  }

  /**
   * The customer message a decision reads, per conversation: the first inbound one (`first`: an opened
   * conversation's opening message) or the latest (a reopen or a transfer).
   */
  async customerMessage(
    em: EntityManager,
    conversationIds: readonly string[],
    which: 'first' | 'latest',
  ): Promise<Map<string, RoutingMessage>> {
    if (!conversationIds.length) return new Map();
    return this.toMap(
      await sql<MessageRow>(
        em,
        `select m.id, m.conversation_id, m.type, m.body, m.created_at
           from unnest(?::uuid[]) as q(conversation_id)
           join lateral (select id, conversation_id, type, body, created_at from messages
                          where conversation_id = q.conversation_id and direction = 'in'
                          order by created_at ${which === 'first' ? 'asc' : 'desc'}, id ${which === 'first' ? 'asc' : 'desc'}
                          limit 1) m on true`,
        [conversationIds],
      ),
      (m) => m.conversationId,
    );
  }

  private toMap(rows: MessageRow[], key: (m: RoutingMessage) => string): Map<string, RoutingMessage> {
    const map = new Map<string, RoutingMessage>();
    for (const r of rows) {
      const m: RoutingMessage = {
        id: r.id,
        conversationId: r.conversation_id,
        type: r.type,
        text: r.body,
        createdAt: new Date(r.created_at),
      };
      map.set(key(m), m);
    }
    return map;
  }
}

interface MessageRow {
  id: string;
  conversation_id: string;
  type: string;
  body: string | null;
  created_at: Date;
}
