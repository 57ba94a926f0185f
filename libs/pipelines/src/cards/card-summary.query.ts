import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { SqlFragment, sql } from '@switchboard/engine';

export interface CardSummary {
  department: { id: string; key: string; name: string };
  card: { id: string; stageKey: string; stageName: string } | null;
  /** The card is in a `waiting` (on the customer) stage category. */
  waitingStage: boolean;
}

/**
 * What a conversation list shows of pipelines: the department's key and name and the card's stage, for a whole page
 * of conversations in one query (the conversations library does not read pipelines' tables).
 */
@Injectable()
export class CardSummaryQuery {
  /** Keyed by conversation id; a conversation whose department is unknown is left out. */
  async forConversations(
    em: EntityManager,
    conversations: { conversationId: string; departmentId: string }[],
  ): Promise<Map<string, CardSummary>> {
    if (!conversations.length) return new Map();
    const rows = await sql<{
      conversation_id: string;
      department_id: string;
      department_key: string;
      department_name: string;
      card_id: string | null;
      stage_key: string | null;
      stage_name: string | null;
      stage_category: string | null;
    }>(
      em,
      `select v.conversation_id, d.id as department_id, d.key as department_key, d.name as department_name,
              k.id as card_id, s.key as stage_key, s.name as stage_name, s.category as stage_category
         from unnest(?::uuid[], ?::uuid[]) as v(conversation_id, department_id)
         join departments d on d.id = v.department_id
         left join cards k on k.conversation_id = v.conversation_id
         left join pipeline_stages s on s.id = k.stage_id`,
      [conversations.map((c) => c.conversationId), conversations.map((c) => c.departmentId)],
    );
    return new Map(
      rows.map((r) => [
        r.conversation_id,
        {
          department: { id: r.department_id, key: r.department_key, name: r.department_name },
          card:
            r.card_id && r.stage_key && r.stage_name
              ? { id: r.card_id, stageKey: r.stage_key, stageName: r.stage_name }
              : null,
          waitingStage: r.stage_category === 'waiting',
        },
      ]),
    );
  }

  /** A condition: the card of the conversation in `conversationColumn` stands in a stage keyed `stageKey`. */
  inStage(conversationColumn: string, stageKey: string): SqlFragment {
    return {
      sql: `exists (select 1 from cards k join pipeline_stages s on s.id = k.stage_id
                     where k.conversation_id = ${conversationColumn} and s.key = ?)`,
      params: [stageKey],
    };
  }

  /** A condition: that card stands in a stage of the `waiting` (on the customer) category, as `waitingStage` says. */
  inWaitingStage(conversationColumn: string): SqlFragment {
    return {
      sql: `exists (select 1 from cards k join pipeline_stages s on s.id = k.stage_id
                     where k.conversation_id = ${conversationColumn} and s.category = 'waiting')`,
      params: [],
    };
  }
}
