import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '@switchboard/engine';

/**
 * What conversations a WhatsApp number has, for whoever administers numbers (a number with conversations is
 * archived, never deleted). Not scoped to the actor: the caller has already checked the number is visible.
 */
@Injectable()
export class NumberConversationsService {
  constructor(private readonly em: EntityManager) {}

  /** Conversations (open or closed) on the number; `em` lets the caller count on its own transaction. */
  async countFor(numberId: string, em: EntityManager = this.em): Promise<number> {
    const [row] = await sql<{ n: string }>(
      em,
      'select count(*) as n from conversations where number_id = ?',
      [numberId],
    );
    return Number(row?.n ?? 0);
  }
}
