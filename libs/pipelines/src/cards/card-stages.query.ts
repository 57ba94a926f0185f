import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '@switchboard/engine';
import type { StageCategory } from '../entities/pipeline-stage.entity';

/** A stage a card entered: its conversation, the stage key and that stage's category (open, waiting, done). */
export interface CardStage {
  cardId: string;
  conversationId: string | null;
  stageKey: string;
  category: StageCategory;
}

/**
 * The category of the stages cards entered (named by key in card.created / card.moved), in one query, for libraries
 * above pipelines that follow card events (reporting's backlog and waiting-on-customer figures) without reading
 * pipelines' tables. The key is looked up in the card's own pipeline, archived stages included.
 */
@Injectable()
export class CardStagesQuery {
  /** One row per distinct card and key asked for; unknown cards and keys are left out. */
  async of(
    em: EntityManager,
    entered: readonly { cardId: string; stageKey: string }[],
  ): Promise<CardStage[]> {
    if (!entered.length) return [];
    const rows = await sql<{
      id: string;
      conversation_id: string | null;
      stage_key: string;
      category: StageCategory;
    }>(
      em,
      `select distinct k.id, k.conversation_id, s.key as stage_key, s.category
         from unnest(?::uuid[], ?::text[]) as v(card_id, stage_key)
         join cards k on k.id = v.card_id
         join pipeline_stages s on s.pipeline_id = k.pipeline_id and s.key = v.stage_key`,
      [entered.map((e) => e.cardId), entered.map((e) => e.stageKey)],
    );
    return rows.map((r) => ({
      cardId: r.id,
      conversationId: r.conversation_id,
      stageKey: r.stage_key,
      category: r.category,
    }));
  }
}
