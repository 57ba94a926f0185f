import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '@switchboard/engine';
import { CardConversations } from '@switchboard/pipelines';

/** The conversations table, read for pipelines' cards through pipelines' CardConversations port. */
@Injectable()
export class ConversationsForCards extends CardConversations {
  async numberOf(em: EntityManager, conversationId: string): Promise<string | null> {
    const [row] = await sql<{ number_id: string }>(em, 'select number_id from conversations where id = ?', [
      conversationId,
    ]);
    return row?.number_id ?? null;
  }
}
