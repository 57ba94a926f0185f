import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ConversationPriority } from '@switchboard/contracts';
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

  async handlingOf(
    em: EntityManager,
    conversationIds: readonly string[],
  ): ReturnType<CardConversations['handlingOf']> {
    if (!conversationIds.length) return new Map();
    const rows = await sql<{
      id: string;
      owner_user_id: string | null;
      priority: ConversationPriority;
      labels: string[] | null;
    }>(em, 'select id, owner_user_id, priority, labels from conversations where id = any(?::uuid[])', [
      [...conversationIds],
    ]);
    return new Map(
      rows.map((r) => [r.id, { ownerUserId: r.owner_user_id, priority: r.priority, labels: r.labels ?? [] }]),
    );
  }
}
