import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { DomainEventInput, sql } from '@switchboard/engine';

export interface CardTransferResult {
  /** The card moved, or null when the conversation has none. */
  cardId: string | null;
  /** card.moved for the caller to publish with its own events. */
  events: DomainEventInput[];
}

/**
 * Moves a conversation's card to another department, into the first live stage of that department's default
 * pipeline, keeping the card (and so its timeline). The pipelines library owns departments and cards: a transfer
 * from another library goes through here.
 */
@Injectable()
export class CardTransferService {
  /** Throws 422 naming the department when it does not exist or is archived. */
  async assertTransferTarget(em: EntityManager, departmentId: string): Promise<{ id: string; name: string }> {
    const [department] = await sql<{ id: string; name: string; archived_at: Date | null }>(
      em,
      'select id, name, archived_at from departments where id = ?',
      [departmentId],
    );
    if (!department)
      throw new UnprocessableEntityException(
        `department ${departmentId} does not exist: choose another target`,
      );
    if (department.archived_at)
      throw new UnprocessableEntityException(
        `department ${departmentId} (${department.name}) is archived: it takes no conversations`,
      );
    return { id: department.id, name: department.name };
  }

  async moveToDepartment(
    em: EntityManager,
    conversationId: string,
    toDepartmentId: string,
  ): Promise<CardTransferResult> {
    const department = await this.assertTransferTarget(em, toDepartmentId);
    const [target] = await sql<{ pipeline_id: string; stage_id: string; key: string }>(
      em,
      `select p.id as pipeline_id, s.id as stage_id, s.key
         from pipelines p
         join lateral (select id, key from pipeline_stages
                        where pipeline_id = p.id and archived_at is null order by position limit 1) s on true
        where p.department_id = ? and p.is_default`,
      [toDepartmentId],
    );
    if (!target)
      throw new UnprocessableEntityException(
        `department ${toDepartmentId} (${department.name}) has no default pipeline with a live stage to take the card`,
      );
    const rows = await sql<{ id: string; from_key: string }>(
      em,
      `with card as (select c.id, c.stage_id from cards c where c.conversation_id = ? for update),
       moved as (
         update cards c set department_id = ?, pipeline_id = ?, stage_id = ?, stage_entered_at = now(), updated_at = now()
           from card k where c.id = k.id
         returning c.id)
       select k.id, fs.key as from_key from card k join moved m on m.id = k.id join pipeline_stages fs on fs.id = k.stage_id`,
      [conversationId, toDepartmentId, target.pipeline_id, target.stage_id],
    );
    const [card] = rows;
    if (!card) return { cardId: null, events: [] };
    return {
      cardId: card.id,
      events: [
        {
          name: 'card.moved',
          payload: {
            cardId: card.id,
            departmentId: toDepartmentId,
            fromStageKey: card.from_key,
            stageKey: target.key,
          },
        },
      ],
    };
  }
}
