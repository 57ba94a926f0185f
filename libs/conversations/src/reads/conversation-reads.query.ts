import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '@switchboard/engine';
import { UNREAD_COUNT_CAP } from '@switchboard/contracts';

/**
 * Unread counts for one reader over a page of conversations, in one query. Each count stops at UNREAD_COUNT_CAP
 * and walks the messages index (conversation_id, created_at) from the reader's mark on, so a page costs the same
 * whatever the number of conversations or messages behind it.
 */
@Injectable()
export class ConversationReadsQuery {
  constructor(private readonly em: EntityManager) {}

  async unreadCounts(readerId: string, conversationIds: string[]): Promise<Map<string, number>> {
    if (!conversationIds.length) return new Map();
    const rows = await sql<{ id: string; unread: number }>(
      this.em,
      `select c.id, (select count(*) from (
                select 1 from messages m
                 where m.conversation_id = c.id and m.direction = 'in'
                   and m.created_at >= coalesce(r.message_created_at, '-infinity')
                   and (r.message_id is null or (m.created_at, m.id) > (r.message_created_at, r.message_id))
                 limit ?) u)::int as unread
         from unnest(?::uuid[]) as c(id)
         left join conversation_reads r on r.conversation_id = c.id and r.reader_id = ?`,
      [UNREAD_COUNT_CAP, conversationIds, readerId],
    );
    return new Map(rows.map((r) => [r.id, r.unread]));
  }
}
