import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '@switchboard/engine';

/** An inbound message as plugin hooks receive it (message.received), with where it arrived. */
export interface ReceivedMessage {
  messageId: string;
  conversationId: string;
  numberId: string;
  departmentId: string;
  type: string;
  body: string | null;
  /** The customer's WhatsApp id. */
  from: string | null;
  /** ISO 8601: Meta's timestamp when it gave one, else when the message was stored. */
  receivedAt: string;
}

/** Where a conversation is: its number and department. */
export interface ConversationPlace {
  numberId: string;
  departmentId: string;
}

/** Reads for the plugin host (no access scope: the worker acts for the installation, limited to its number). */
@Injectable()
export class ReceivedMessagesQuery {
  constructor(private readonly em: EntityManager) {}

  /**
   * The inbound messages with these ids, in the order given. Runs for every inbound message when plugins are
   * active, so it reads as little as it can: the messages, then each of their conversations once.
   */
  async byIds(ids: string[]): Promise<Map<string, ReceivedMessage>> {
    const found = new Map<string, ReceivedMessage>();
    if (!ids.length) return found;
    const messages = await sql<{
      id: string;
      conversation_id: string;
      type: string;
      body: string | null;
      received_ms: number;
    }>(
      this.em,
      `select id, conversation_id, type, body,
              extract(epoch from coalesce(sent_at, created_at))::float8 * 1000 as received_ms
         from messages where id = any(?::uuid[]) and direction = 'in'`,
      [ids],
    );
    if (!messages.length) return found;
    const conversations = await this.places([...new Set(messages.map((m) => m.conversation_id))], true);
    // Meta's timestamps have whole seconds, so a burst shares a handful: each is formatted once.
    const iso = new Map<number, string>();
    for (const m of messages) {
      const c = conversations.get(m.conversation_id);
      if (!c) continue;
      let at = iso.get(m.received_ms);
      if (!at) iso.set(m.received_ms, (at = new Date(m.received_ms).toISOString()));
      found.set(m.id, {
        messageId: m.id,
        conversationId: m.conversation_id,
        numberId: c.numberId,
        departmentId: c.departmentId,
        type: m.type,
        body: m.body,
        from: c.from,
        receivedAt: at,
      });
    }
    return found;
  }

  /** The number and department of each of these conversations. */
  placeOf(conversationIds: string[]): Promise<Map<string, ConversationPlace>> {
    return this.places(conversationIds, false);
  }

  /** Whether the conversation is on this number. */
  async onNumber(conversationId: string, numberId: string): Promise<boolean> {
    const rows = await sql(this.em, 'select 1 from conversations where id = ? and number_id = ?', [
      conversationId,
      numberId,
    ]);
    return rows.length > 0;
  }

  private async places(
    ids: string[],
    withContact: boolean,
  ): Promise<Map<string, ConversationPlace & { from: string | null }>> {
    if (!ids.length) return new Map();
    const rows = await sql<{ id: string; number_id: string; department_id: string; wa_id: string | null }>(
      this.em,
      withContact
        ? `select c.id, c.number_id, c.department_id, ct.wa_id from conversations c
             join contacts ct on ct.id = c.contact_id where c.id = any(?::uuid[])`
        : `select c.id, c.number_id, c.department_id, null as wa_id from conversations c where c.id = any(?::uuid[])`,
      [ids],
    );
    return new Map(
      rows.map((r) => [r.id, { numberId: r.number_id, departmentId: r.department_id, from: r.wa_id }]),
    );
  }
}
