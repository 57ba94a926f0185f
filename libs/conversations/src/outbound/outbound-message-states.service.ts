import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { MessageError } from '../entities/message.entity';

/** A queued outbound message taken for sending: its Graph request and the number it goes out on. */
export interface MessageToSend {
  content: { request?: Record<string, unknown> };
  numberId: string;
}

/** Where an accepted message belongs, for the message.sent event. */
export interface AcceptedMessage {
  conversationId: string;
  departmentId: string;
  /** Who wrote it: the agent, or null for the product's own (then `automated`) and API tokens. */
  authorUserId: string | null;
  automated: boolean;
}

/**
 * The send states of an outbound message (queued → sending → accepted / unconfirmed / failed), for the channel that
 * sends it: the channel never writes the messages table itself. Each transition is one guarded update, so a message
 * is never sent twice and a status Meta already reported is never rolled back.
 */
@Injectable()
export class OutboundMessageStates {
  constructor(private readonly em: EntityManager) {}

  /** Takes a queued message for sending; null when it is not queued (already taken, sent, or gone). */
  async takeForSending(messageId: string): Promise<MessageToSend | null> {
    const rows = await this.em.execute<{ content: MessageToSend['content']; number_id: string }[]>(
      `update messages m set status = 'sending', updated_at = now()
        where m.id = ? and m.status = 'queued' returning m.content, m.number_id`,
      [messageId],
    );
    return rows[0] ? { content: rows[0].content, numberId: rows[0].number_id } : null;
  }

  /** A message still `sending` (a worker died mid-call) becomes unconfirmed; true when it was. */
  async giveUpInFlight(messageId: string, error: MessageError): Promise<boolean> {
    const rows = await this.em.execute<{ id: string }[]>(
      `update messages set status = 'unconfirmed', error = ?, updated_at = now() where id = ? and status = 'sending' returning id`,
      [JSON.stringify(error), messageId],
    );
    return rows.length > 0;
  }

  /** Meta accepted it: records the wamid in the caller's transaction; null when the message is gone. */
  async accept(em: EntityManager, messageId: string, wamid: string): Promise<AcceptedMessage | null> {
    const [sent] = await em.execute<
      { conversation_id: string; department_id: string; author_user_id: string | null; automated: boolean }[]
    >(
      `update messages m set wamid = coalesce(wamid, ?), status = case when status_rank < 1 then 'accepted' else status end,
              status_rank = greatest(status_rank, 1), sent_at = coalesce(sent_at, now()), error = null, updated_at = now()
        where id = ?
        returning m.conversation_id, m.author_user_id, m.automated,
          (select c.department_id from conversations c where c.id = m.conversation_id) as department_id`,
      [wamid, messageId],
      'all',
    );
    return sent
      ? {
          conversationId: sent.conversation_id,
          departmentId: sent.department_id,
          authorUserId: sent.author_user_id,
          automated: sent.automated,
        }
      : null;
  }

  /** Back to the queue for another attempt, with the error that stopped this one. */
  async requeue(messageId: string, error: MessageError): Promise<void> {
    await this.em.execute(
      `update messages set status = 'queued', error = ?, updated_at = now() where id = ?`,
      [JSON.stringify(error), messageId],
      'run',
    );
  }

  /** The send outcome is unknown (timeout after the request left): never re-sent. */
  async markUnconfirmed(messageId: string, error: MessageError): Promise<void> {
    await this.em.execute(
      `update messages set status = 'unconfirmed', error = ?, updated_at = now() where id = ? and status = 'sending'`,
      [JSON.stringify(error), messageId],
      'run',
    );
  }

  /** Failed for good, unless Meta already reported a final status. */
  async markFailed(messageId: string, error: MessageError): Promise<void> {
    await this.em.execute(
      `update messages set status = 'failed', status_rank = 6, error = ?, updated_at = now() where id = ? and status_rank < 6`,
      [JSON.stringify(error), messageId],
      'run',
    );
  }
}
