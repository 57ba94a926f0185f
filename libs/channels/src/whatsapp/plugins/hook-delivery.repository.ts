import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '@switchboard/engine';
import { CARD_SELECT, CardRow } from '@switchboard/pipelines';

/** What message.received hands to plugins. */
export interface MessageReceivedEvent {
  [key: string]: unknown;
  messageId: string;
  conversationId: string;
  cardId: string | null;
  type: string;
  body: string | null;
  from: string | null;
  /** ISO 8601: Meta's timestamp when it gave one, else when the message was stored. */
  receivedAt: string;
}

/** The messages of one receiving number, in the order they were stored. */
export interface NumberMessages {
  departmentId: string;
  events: { subjectId: string; event: MessageReceivedEvent }[];
}

interface MessageRow {
  id: string;
  conversation_id: string;
  type: string;
  body: string | null;
  received_ms: number;
}

interface ConversationRow {
  id: string;
  number_id: string;
  department_id: string;
  wa_id: string | null;
  card_id: string | null;
}

/**
 * Reads what the hooks of stored deliveries need. Runs for every inbound message when plugins are active, so
 * it reads as little as it can: the messages alone, then each of their conversations once (a customer often
 * sends several messages in a row, and a hook job covers every delivery of the last `hookCoalesceMs`).
 */
@Injectable()
export class HookDeliveryRepository {
  constructor(private readonly em: EntityManager) {}

  /** Whether more than `threshold` stored webhooks are waiting to be processed (counts no further). */
  async intakeBacklogOver(threshold: number): Promise<boolean> {
    const rows = await sql(
      this.em,
      `select 1 from inbound_events where status = 'pending' offset ? limit 1`,
      [threshold],
    );
    return rows.length > 0;
  }

  /** Cards opened by these deliveries, oldest first. */
  openedCards(eventIds: string[]): Promise<(CardRow & { number_id: string })[]> {
    return sql(
      this.em,
      `${CARD_SELECT.replace('select k.id', 'select c.number_id, k.id')} where k.opened_by_event_id = any(?::uuid[]) order by k.created_at, k.id`,
      [eventIds],
    );
  }

  /** Inbound messages stored from these deliveries, per receiving number, in the order they were stored. */
  async receivedMessages(eventIds: string[]): Promise<Map<string, NumberMessages>> {
    const byNumber = new Map<string, NumberMessages>();
    const messages = await sql<MessageRow>(
      this.em,
      `select id, conversation_id, type, body,
              extract(epoch from coalesce(sent_at, created_at))::float8 * 1000 as received_ms
         from messages where inbound_event_id = any(?::uuid[]) and direction = 'in' order by created_at, id`,
      [eventIds],
    );
    if (!messages.length) return byNumber;
    const conversations = new Map(
      (
        await sql<ConversationRow>(
          this.em,
          `select c.id, c.number_id, c.department_id, ct.wa_id, k.id as card_id
             from conversations c join contacts ct on ct.id = c.contact_id
             left join cards k on k.conversation_id = c.id
            where c.id = any(?::uuid[])`,
          [[...new Set(messages.map((m) => m.conversation_id))]],
        )
      ).map((c) => [c.id, c]),
    );
    // Meta's timestamps have whole seconds, so a burst shares a handful: each is formatted once.
    let lastMs = NaN;
    let lastIso = '';
    for (const m of messages) {
      const c = conversations.get(m.conversation_id)!;
      if (m.received_ms !== lastMs) {
        lastMs = m.received_ms;
        lastIso = new Date(lastMs).toISOString();
      }
      let group = byNumber.get(c.number_id);
      if (!group) byNumber.set(c.number_id, (group = { departmentId: c.department_id, events: [] }));
      group.events.push({
        subjectId: m.id,
        event: {
          messageId: m.id,
          conversationId: m.conversation_id,
          cardId: c.card_id,
          type: m.type,
          body: m.body,
          from: c.wa_id,
          receivedAt: lastIso,
        },
      });
    }
    return byNumber;
  }
}
