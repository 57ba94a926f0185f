import { EntityManager } from '@mikro-orm/postgresql';
import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { DomainEvents, sql, uuidv7 } from '@switchboard/engine';
import type { CardActorType, CardEventKind } from '../entities/card-event.entity';
import { hasValue, validateFieldChange } from '../fields/field-values';
import { PipelineDefinitionRepository } from '../pipelines/pipeline-definition.repository';

/** Who changes a card: recorded on its timeline. */
export interface CardActor {
  type: CardActorType;
  id: string | null;
  label: string;
}

/** Throws when the caller may not change a card of `departmentId` (404 out of scope, 403 beyond the role). */
export type CardAccess = (departmentId: string) => void;

interface LockedCard {
  id: string;
  department_id: string;
  pipeline_id: string;
  stage_id: string;
  title: string;
  fields: Record<string, unknown>;
}

/**
 * Changes to cards: field edits, stage moves under the stage rules, notes. Each change and its timeline line
 * commit together with their domain events (plugin hooks and stage automations run from card.moved).
 */
@Injectable()
export class CardCommandsService {
  constructor(
    private readonly em: EntityManager,
    private readonly pipelines: PipelineDefinitionRepository,
    private readonly events: DomainEvents,
  ) {}

  async update(
    cardId: string,
    change: { title?: string; fields?: Record<string, unknown> },
    actor: CardActor,
    access: CardAccess,
  ): Promise<void> {
    await this.em.fork().transactional(async (tx) => {
      const card = await this.lock(tx, cardId, access);
      const fields = change.fields ? await this.mergeFields(tx, card, change.fields) : card.fields;
      const title = change.title ?? card.title;
      const changes = this.diff(card.fields, fields);
      if (!Object.keys(changes).length && title === card.title) return;
      await sql(tx, 'update cards set title = ?, fields = ?::jsonb, updated_at = now() where id = ?', [
        title,
        JSON.stringify(fields),
        cardId,
      ]);
      await this.record(tx, cardId, 'fields_changed', actor, {
        data: { changes, ...(title !== card.title ? { title: { from: card.title, to: title } } : {}) },
      });
      await this.events.publish(tx, {
        name: 'card.updated',
        payload: { cardId, departmentId: card.department_id },
      });
    });
  }

  /**
   * Moves a card to another stage of its pipeline. Fields given with the move are validated and saved with it.
   * 400 unknown stage or bad field, 409 retired stage or WIP limit reached, 422 required fields missing.
   */
  async move(
    cardId: string,
    stageRef: string,
    fieldChange: Record<string, unknown> | undefined,
    actor: CardActor,
    access: CardAccess,
  ): Promise<void> {
    await this.em.fork().transactional(async (tx) => {
      const card = await this.lock(tx, cardId, access);
      const pipeline = (await this.pipelines.byId(card.pipeline_id, tx))!;
      const target = pipeline.stages.find((s) => s.key === stageRef || s.id === stageRef);
      if (!target)
        throw new BadRequestException(
          `stage: "${stageRef}" is not a stage of pipeline "${pipeline.name}" (${pipeline.stages
            .filter((s) => !s.archived)
            .map((s) => s.key)
            .join(', ')})`,
        );
      const fields = fieldChange ? await this.mergeFields(tx, card, fieldChange) : card.fields;
      const changes = this.diff(card.fields, fields);
      if (target.id !== card.stage_id) {
        if (target.archived)
          throw new ConflictException(`stage "${target.name}" was retired: cards can no longer enter it`);
        const missing = target.requiredFields.filter((key) => !hasValue(fields[key]));
        if (missing.length) {
          const labels = missing.map((k) => pipeline.fields.find((f) => f.key === k)?.label ?? k);
          throw new UnprocessableEntityException({
            statusCode: 422,
            error: 'Unprocessable Entity',
            code: 'required_fields',
            message: `stage "${target.name}" needs these fields filled in first: ${labels.join(', ')}`,
            missingFields: missing,
          });
        }
        if (target.wipLimit !== null) {
          // The stage row lock serialises concurrent moves into the same stage, so the count cannot race.
          await sql(tx, 'select 1 from pipeline_stages where id = ? for update', [target.id]);
          const [{ n }] = await sql<{ n: number }>(
            tx,
            'select count(*)::int as n from cards where stage_id = ?',
            [target.id],
          );
          if (n >= target.wipLimit)
            throw new ConflictException({
              statusCode: 409,
              error: 'Conflict',
              code: 'wip_limit',
              message: `stage "${target.name}" is at its WIP limit of ${target.wipLimit} cards: move one out first`,
            });
        }
      }
      if (Object.keys(changes).length) {
        await this.record(tx, cardId, 'fields_changed', actor, { data: { changes } });
        await this.events.publish(tx, {
          name: 'card.updated',
          payload: { cardId, departmentId: card.department_id },
        });
      }
      if (target.id === card.stage_id) {
        if (Object.keys(changes).length)
          await sql(tx, 'update cards set fields = ?::jsonb, updated_at = now() where id = ?', [
            JSON.stringify(fields),
            cardId,
          ]);
        return;
      }
      await sql(
        tx,
        'update cards set stage_id = ?, fields = ?::jsonb, stage_entered_at = now(), updated_at = now() where id = ?',
        [target.id, JSON.stringify(fields), cardId],
      );
      await this.record(tx, cardId, 'stage_changed', actor, {
        from: card.stage_id,
        to: target.id,
      });
      await this.events.publish(tx, {
        name: 'card.moved',
        payload: {
          cardId,
          departmentId: card.department_id,
          fromStageKey: pipeline.stages.find((s) => s.id === card.stage_id)?.key ?? card.stage_id,
          stageKey: target.key,
        },
      });
    });
  }

  async addNote(cardId: string, text: string, actor: CardActor, access: CardAccess): Promise<string> {
    return this.em.fork().transactional(async (tx) => {
      await this.lock(tx, cardId, access);
      return this.record(tx, cardId, 'note', actor, { data: { text } });
    });
  }

  /** Records a card action (a plugin automation run on demand); `then` stages its job in the same transaction. */
  async recordAction(
    cardId: string,
    data: Record<string, unknown>,
    actor: CardActor,
    access: CardAccess,
    then: (tx: EntityManager, eventId: string) => Promise<void>,
  ): Promise<string> {
    return this.em.fork().transactional(async (tx) => {
      await this.lock(tx, cardId, access);
      const id = await this.record(tx, cardId, 'action', actor, { data });
      await then(tx, id);
      return id;
    });
  }

  private async lock(tx: EntityManager, cardId: string, access: CardAccess): Promise<LockedCard> {
    const [card] = await sql<LockedCard>(
      tx,
      'select id, department_id, pipeline_id, stage_id, title, fields from cards where id = ? for update',
      [cardId],
    );
    if (!card) throw new NotFoundException('card not found');
    access(card.department_id);
    return card;
  }

  private async mergeFields(
    tx: EntityManager,
    card: LockedCard,
    change: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const pipeline = (await this.pipelines.byId(card.pipeline_id, tx))!;
    const { values, problems } = validateFieldChange(
      PipelineDefinitionRepository.fieldDefs(pipeline),
      change,
    );
    if (problems.length) throw new BadRequestException(problems.join('; '));
    const merged = { ...card.fields, ...values };
    for (const [k, v] of Object.entries(values)) if (v === null) delete merged[k];
    return merged;
  }

  private diff(before: Record<string, unknown>, after: Record<string, unknown>) {
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)]))
      if (JSON.stringify(before[key]) !== JSON.stringify(after[key]))
        changes[key] = { from: before[key] ?? null, to: after[key] ?? null };
    return changes;
  }

  private async record(
    tx: EntityManager,
    cardId: string,
    kind: CardEventKind,
    actor: CardActor,
    extra: { from?: string; to?: string; data?: Record<string, unknown> },
  ): Promise<string> {
    const id = uuidv7();
    await sql(
      tx,
      `insert into card_events (id, card_id, at, kind, actor_type, actor_id, actor_label, from_stage_id, to_stage_id, data)
       values (?, ?, clock_timestamp(), ?, ?, ?, ?, ?, ?, ?::jsonb)`,
      [
        id,
        cardId,
        kind,
        actor.type,
        actor.id,
        actor.label,
        extra.from ?? null,
        extra.to ?? null,
        JSON.stringify(extra.data ?? {}),
      ],
    );
    return id;
  }
}
