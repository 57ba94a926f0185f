import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { ConversationOwnershipService } from '@switchboard/conversations';
import { DomainEvent, DomainEventName, OnDomainEvent } from '@switchboard/engine';
import { CardStagesQuery } from '@switchboard/pipelines';
import { BusinessTime } from './business-time';
import { FactBatch } from './fact-batch';
import { ReportFactsRepository } from './report-facts.repository';
import { resolutionDeltas, resolutionOf } from './resolution-deltas';

export const REPORT_FACTS_SUBSCRIBER = 'reporting.facts';

const EVENTS: DomainEventName[] = [
  'conversation.opened',
  'conversation.closed',
  'conversation.reopened',
  'conversation.assigned',
  'conversation.unassigned',
  'conversation.updated',
  'conversation.transferred',
  'message.received',
  'message.sent',
  'card.created',
  'card.moved',
  'sla.updated',
  'sla.breached',
  'sla.clock_finished',
];

/**
 * Records reporting's facts from domain events: each batch loads the facts it touches in one query, applies the
 * events in stream order in memory (responses need the order of customer messages and replies) and writes every
 * table back in one statement each, with the subscriber's cursor. The duration rollup is written with the responses,
 * in their statement.
 */
@Injectable()
export class ReportFactsSubscriber {
  constructor(
    private readonly repository: ReportFactsRepository,
    private readonly businessTime: BusinessTime,
    private readonly ownership: ConversationOwnershipService,
    private readonly stages: CardStagesQuery,
  ) {}

  @OnDomainEvent(EVENTS, REPORT_FACTS_SUBSCRIBER)
  async handle(events: DomainEvent[], em: EntityManager): Promise<void> {
    const conversationIds = new Set<string>();
    const cardIds = new Set<string>();
    const entered: { cardId: string; stageKey: string }[] = [];
    const teamChanged = new Set<string>();
    for (const e of events) {
      if (e.name === 'card.created' || e.name === 'card.moved') {
        cardIds.add(e.payload.cardId);
        entered.push({ cardId: e.payload.cardId, stageKey: e.payload.stageKey });
        if (e.name === 'card.created' && e.payload.conversationId)
          conversationIds.add(e.payload.conversationId);
      } else if (
        e.name !== 'agent.availability' &&
        e.name !== 'card.updated' &&
        'conversationId' in e.payload
      ) {
        conversationIds.add(e.payload.conversationId);
        if (e.name === 'conversation.updated' && e.payload.changes.includes('team'))
          teamChanged.add(e.payload.conversationId);
      }
    }
    const stageRows = await this.stages.of(em, entered);
    for (const s of stageRows) if (s.conversationId) conversationIds.add(s.conversationId);
    const facts = await this.repository.load(em, [...conversationIds], [...cardIds]);
    // Applying the events changes the loaded facts in place: what the rollup counted for them is kept first.
    const resolvedBefore = new Map([...facts.values()].map((f) => [f.conversationId, resolutionOf(f)]));

    const teams = new Map<string, string | null>();
    for (const id of [...teamChanged].sort()) {
      const state = await this.ownership.state(em, id);
      if (state) teams.set(id, state.teamId);
    }
    const departments = new Set<string>();
    for (const f of facts.values()) departments.add(f.departmentId);
    for (const e of events) if ('departmentId' in e.payload) departments.add(e.payload.departmentId);
    const businessMs = await this.businessTime.forDepartments(em, departments);

    const batch = new FactBatch(facts, {
      businessMs,
      teams,
      stages: new Map(
        stageRows.map((s) => [
          `${s.cardId} ${s.stageKey}`,
          { conversationId: s.conversationId, category: s.category },
        ]),
      ),
    });
    for (const e of events) batch.apply(e);
    const changed = [...batch.changed].map((id) => batch.facts.get(id)!);
    await this.repository.save(
      em,
      changed,
      batch.responses,
      resolutionDeltas(resolvedBefore, changed),
      [...batch.outcomes.values()],
      [...batch.volume.values()],
    );
  }
}
