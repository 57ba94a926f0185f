import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '@switchboard/engine';
import type { MessageMedia } from '../entities/message.entity';

export interface OutboundReply {
  id: string;
  conversationId: string;
  numberId: string;
  type: string;
  body: string | null;
  content: Record<string, unknown>;
  replyToWamid: string | null;
  /** Idempotency-Key: one message per key and conversation. */
  clientKey: string | null;
  /** A plugin's greeting or an out-of-hours notice is not an answer: the customer still waits. */
  automated: boolean;
  /** The person who wrote it (an agent's reply); null for the product's own messages and API tokens. */
  authorUserId: string | null;
  /** What the history shows of sent media: the stored copy of an upload, or the link it was sent by. */
  media?: MessageMedia | null;
}

/**
 * Records a reply to send (queued) and moves its conversation's clocks, in the caller's transaction: the channel that
 * sends it never writes the conversations library's tables.
 */
@Injectable()
export class OutboundMessageRecorder {
  /** False when a message with this key already exists on the conversation (nothing was written). */
  async record(em: EntityManager, reply: OutboundReply): Promise<boolean> {
    // Two concurrent requests with one key: the second finds the first's row here and writes nothing.
    const rows = await sql<{ id: string }>(
      em,
      `insert into messages (id, conversation_id, number_id, direction, type, body, content, media, reply_to_wamid, status, status_rank, client_key, author_user_id, automated, created_at, updated_at)
       values (?, ?, ?, 'out', ?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?, now(), now())
       on conflict (conversation_id, client_key) do nothing returning id`,
      [
        reply.id,
        reply.conversationId,
        reply.numberId,
        reply.type,
        reply.body,
        JSON.stringify(reply.content),
        reply.media ? JSON.stringify(reply.media) : null,
        reply.replyToWamid,
        reply.clientKey,
        reply.automated ? null : reply.authorUserId,
        reply.automated,
      ],
    );
    if (!rows.length) return false;
    await sql(
      em,
      reply.automated
        ? `update conversations set last_outbound_at = now(), last_message_at = greatest(last_message_at, now()),
              updated_at = now() where id = ?`
        : `update conversations set last_outbound_at = now(), last_message_at = greatest(last_message_at, now()),
              last_speaker = 'agent', waiting_since = null, updated_at = now() where id = ?`,
      [reply.conversationId],
    );
    return true;
  }
}
