import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { ConversationOwnershipService, OwnershipState } from '@switchboard/conversations';
import { DomainEvent, DomainEventPayloads, OnDomainEvent } from '@switchboard/engine';
import { CardStagesQuery } from '@switchboard/pipelines';
import { ClockContextFactory } from './clock-context.factory';
import { ClockEffects } from './clock-effects';
import { ClockEffectsWriter } from './clock-effects.writer';
import { Cause, ConversationClocks } from './conversation-clocks';
import { SlaClockRepository } from './sla-clock.repository';
import { SlaConversation, SlaConversationRepository } from './sla-conversation.repository';

export const SLA_CLOCKS_SUBSCRIBER = 'sla.clocks';

/** A card event with the conversation and stage category it concerns (card.moved names only the card). */
interface CardFact {
  conversationId: string;
  stageKey: string;
  waiting: boolean;
}

const snoozedIn = (s: OwnershipState): boolean => s.snoozedUntil !== null || s.snoozedUntilReply;

/**
 * Keeps each conversation's SLA clocks from the domain events: routing's decision selects the policy and starts the
 * resolution and response clocks; the customer's messages (re)start the response clock and resume paused clocks; a
 * person's reply meets it; the card's stage and snoozes pause and resume; a priority change or a transfer selects
 * the policy again and recomputes; closing stops everything. Each fact counts at its event's occurredAt. A batch
 * locks its conversations' rows, applies its events in stream order in memory, then writes the clocks, their
 * transitions and timers and publishes sla.updated once per changed conversation.
 */
@Injectable()
export class SlaClocksSubscriber {
  constructor(
    private readonly conversations: SlaConversationRepository,
    private readonly clocks: SlaClockRepository,
    private readonly ownership: ConversationOwnershipService,
    private readonly stages: CardStagesQuery,
    private readonly contexts: ClockContextFactory,
    private readonly writer: ClockEffectsWriter,
  ) {}

  @OnDomainEvent(
    [
      'conversation.routed',
      'message.received',
      'message.sent',
      'card.created',
      'card.moved',
      'conversation.updated',
      'conversation.transferred',
      'conversation.closed',
      'conversation.reopened',
    ],
    SLA_CLOCKS_SUBSCRIBER,
  )
  async handle(events: DomainEvent[], em: EntityManager): Promise<void> {
    const cards = await this.cardFacts(em, events);
    const ids = [
      ...new Set(events.map((e) => conversationOf(e, cards)).filter((id): id is string => id !== null)),
    ].sort();
    if (!ids.length) return;
    const known = await this.conversations.lock(em, ids);
    const live = await this.clocks.live(em, ids);
    const effects = new ClockEffects();
    const context = this.contexts.create(em);
    const books = new Map<string, ConversationClocks>();
    const book = async (id: string, e: DomainEvent): Promise<ConversationClocks | null> => {
      let found = books.get(id);
      if (found) return found;
      const conversation = known.get(id) ?? (await this.firstSeen(em, id, e));
      if (!conversation) return null;
      found = new ConversationClocks(
        conversation,
        live.filter((c) => c.conversationId === id),
        context,
        effects,
      );
      books.set(id, found);
      return found;
    };

    for (const e of events) {
      const id = conversationOf(e, cards);
      if (!id) continue;
      const clocks = await book(id, e);
      if (!clocks) continue;
      const c: Cause = { at: e.occurredAt, cause: `${e.name}@${e.position}` };
      switch (e.name) {
        case 'message.received':
          await clocks.customerWrote(c);
          break;
        case 'message.sent':
          await clocks.replied(c, e.payload.byUserId, e.payload.automated);
          break;
        case 'conversation.routed':
          await clocks.routed(c, e.payload.departmentId, e.payload.requestType);
          break;
        case 'conversation.transferred':
          await clocks.changed(c, { departmentId: e.payload.departmentId });
          break;
        case 'conversation.updated': {
          const values = await this.updatedValues(em, id, e.payload);
          if (!values) break;
          if (values.snoozed !== undefined) await clocks.snoozed(c, values.snoozed);
          if (values.priority !== undefined && values.priority !== clocks.conversation.priority)
            await clocks.changed(c, { priority: values.priority });
          break;
        }
        case 'conversation.closed':
          await clocks.closed(c);
          break;
        case 'conversation.reopened':
          clocks.reopened();
          break;
        case 'card.created':
        case 'card.moved': {
          const card = cards.get(e.position)!;
          await clocks.cardEntered(c, card.stageKey, card.waiting);
          break;
        }
        default:
          break;
      }
    }
    await this.conversations.save(
      em,
      [...books.values()].map((b) => b.conversation),
    );
    await this.writer.write(em, effects);
  }

  /**
   * What a conversation.updated changed that the clocks follow, as of that event: its payload's values, so a snooze
   * and a wake (or two priority changes) in one batch each count at their own time. Events written before the
   * payload carried them read the conversation as it is now. Null when nothing the clocks follow changed.
   */
  private async updatedValues(
    em: EntityManager,
    id: string,
    p: DomainEventPayloads['conversation.updated'],
  ): Promise<{ snoozed?: boolean; priority?: string } | null> {
    const snooze = p.changes.includes('snooze');
    const priority = p.changes.includes('priority');
    if (!snooze && !priority) return null;
    if ((!snooze || p.snoozed !== undefined) && (!priority || p.priority !== undefined))
      return { snoozed: snooze ? p.snoozed : undefined, priority: priority ? p.priority : undefined };
    const state = await this.ownership.state(em, id);
    if (!state) return null;
    return {
      snoozed: snooze ? (p.snoozed ?? snoozedIn(state)) : undefined,
      priority: priority ? (p.priority ?? state.priority) : undefined,
    };
  }

  /**
   * A conversation the clocks have not seen: its row starts from the conversation as it is (message events name its
   * number; others are read from the conversation). Null when it is gone.
   */
  private async firstSeen(em: EntityManager, id: string, e: DomainEvent): Promise<SlaConversation | null> {
    const state = await this.ownership.state(em, id);
    if (!state) return null;
    return {
      conversationId: id,
      departmentId: state.departmentId,
      numberId: 'numberId' in e.payload ? e.payload.numberId : state.numberId,
      priority: state.priority,
      requestType: null,
      policyId: null,
      status: state.status,
      customerWaitingSince: null,
      agentReplied: false,
      inWaitingStage: false,
      snoozed: snoozedIn(state),
      stageKey: null,
    };
  }

  /** The conversation and stage category of each card event, keyed by the event's position, in one query. */
  private async cardFacts(em: EntityManager, events: DomainEvent[]): Promise<Map<string, CardFact>> {
    const entered: { position: string; cardId: string; stageKey: string }[] = [];
    for (const e of events)
      if (e.name === 'card.created' || e.name === 'card.moved')
        entered.push({ position: e.position, cardId: e.payload.cardId, stageKey: e.payload.stageKey });
    if (!entered.length) return new Map();
    const rows = await this.stages.of(em, entered);
    const byCardAndKey = new Map(rows.map((r) => [`${r.cardId}:${r.stageKey}`, r]));
    const facts = new Map<string, CardFact>();
    for (const e of entered) {
      const row = byCardAndKey.get(`${e.cardId}:${e.stageKey}`);
      if (row?.conversationId)
        facts.set(e.position, {
          conversationId: row.conversationId,
          stageKey: e.stageKey,
          waiting: row.category === 'waiting',
        });
    }
    return facts;
  }
}

function conversationOf(e: DomainEvent, cards: Map<string, CardFact>): string | null {
  switch (e.name) {
    case 'card.created':
    case 'card.moved':
      return cards.get(e.position)?.conversationId ?? null;
    case 'message.received':
    case 'message.sent':
    case 'conversation.routed':
    case 'conversation.transferred':
    case 'conversation.updated':
    case 'conversation.closed':
    case 'conversation.reopened':
      return e.payload.conversationId;
    default:
      return null;
  }
}
