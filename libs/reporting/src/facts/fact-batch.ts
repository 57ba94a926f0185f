import type { DomainEvent } from '@switchboard/engine';
import {
  ConversationFact,
  isAfter,
  parsePosition,
  ResponseFact,
  SlaOutcomeFact,
  VolumeFact,
} from './conversation-fact';

/** What applying events needs to know beyond the facts themselves, loaded for the whole batch beforehand. */
export interface BatchLookups {
  /** Business milliseconds between two instants in a department's calendar. */
  businessMs(departmentId: string, from: Date, to: Date): number;
  /** The current team of conversations whose team changed in this batch. */
  teams: Map<string, string | null>;
  /** The category of a stage a card entered, and the card's conversation, by `${cardId} ${stageKey}`. */
  stages: Map<string, { conversationId: string | null; category: string }>;
}

const HOUR_MS = 3_600_000;
const hourOf = (at: Date) => new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);

/**
 * Applies a batch of domain events, in stream order, to the facts of the conversations they concern (loaded before),
 * collecting the rows to write. An event at or before a conversation's recorded position is skipped, so a batch
 * delivered again changes nothing. Pure: the subscriber loads and saves around it.
 */
export class FactBatch {
  readonly responses: ResponseFact[] = [];
  readonly outcomes = new Map<string, SlaOutcomeFact>();
  /** By message id: a copy of a message's event in the same batch is counted once too. */
  readonly volume = new Map<string, VolumeFact>();
  readonly changed = new Set<string>();
  private readonly byCard = new Map<string, string>();

  constructor(
    readonly facts: Map<string, ConversationFact>,
    private readonly lookups: BatchLookups,
  ) {
    for (const f of facts.values()) if (f.cardId) this.byCard.set(f.cardId, f.conversationId);
  }

  apply(event: DomainEvent): void {
    const conversationId = this.conversationOf(event);
    if (!conversationId) return;
    const position = parsePosition(event.position);
    const known = this.facts.get(conversationId);
    if (known && !isAfter(position, known)) return;
    const fact = known ?? this.create(event, conversationId);
    if (!fact) return;
    this.applyTo(fact, event);
    fact.lastXid = position.xid;
    fact.lastSeq = position.seq;
    this.changed.add(conversationId);
  }

  private conversationOf(event: DomainEvent): string | null {
    if (event.name === 'card.created') return event.payload.conversationId;
    if (event.name === 'card.moved')
      return (
        this.byCard.get(event.payload.cardId) ??
        this.lookups.stages.get(`${event.payload.cardId} ${event.payload.stageKey}`)?.conversationId ??
        null
      );
    if (event.name === 'agent.availability' || event.name === 'card.updated') return null;
    // Events about no conversation (a policy changed) record nothing.
    return 'conversationId' in event.payload ? event.payload.conversationId : null;
  }

  /** A conversation reporting has not seen yet (it opened before reporting ran): from an event naming its number. */
  private create(event: DomainEvent, conversationId: string): ConversationFact | null {
    const p = event.payload as { numberId?: string; departmentId: string };
    if (!p.numberId) return null;
    const fact: ConversationFact = {
      conversationId,
      departmentId: p.departmentId,
      numberId: p.numberId,
      teamId: null,
      ownerUserId: null,
      status: 'open',
      cardId: null,
      stageKey: null,
      stageCategory: null,
      slaStatus: null,
      openedAt: event.name === 'conversation.opened' ? event.occurredAt : null,
      closedAt: null,
      reopenedAt: null,
      awaitingSince: null,
      firstResponseAt: null,
      firstResponseMs: null,
      firstResponseUserId: null,
      resolutionMs: null,
      resolvedByUserId: null,
      resolvedTeamId: null,
      lastXid: 0n,
      lastSeq: 0n,
    };
    this.facts.set(conversationId, fact);
    return fact;
  }

  private applyTo(fact: ConversationFact, event: DomainEvent): void {
    const at = event.occurredAt;
    switch (event.name) {
      case 'conversation.opened':
        fact.openedAt ??= at;
        return;
      case 'message.received':
        this.count(event.payload, at, 'inbound');
        fact.awaitingSince ??= at;
        return;
      case 'message.sent':
        this.count(event.payload, at, 'outbound');
        if (!event.payload.automated && fact.awaitingSince) this.respond(fact, event.payload, at);
        return;
      case 'conversation.assigned':
        fact.ownerUserId = event.payload.userId;
        return;
      case 'conversation.unassigned':
        if (fact.ownerUserId === event.payload.userId) fact.ownerUserId = null;
        return;
      case 'conversation.updated':
        if (event.payload.changes.includes('team') && this.lookups.teams.has(fact.conversationId))
          fact.teamId = this.lookups.teams.get(fact.conversationId) ?? null;
        return;
      case 'conversation.transferred':
        fact.departmentId = event.payload.departmentId;
        fact.teamId = null;
        fact.ownerUserId = null;
        return;
      case 'conversation.closed':
        fact.status = 'closed';
        fact.closedAt = at;
        // No counting after resolution: an unanswered message is not a response owed any more.
        fact.awaitingSince = null;
        {
          const cycleStart = fact.reopenedAt ?? fact.openedAt;
          fact.resolutionMs = cycleStart ? this.lookups.businessMs(fact.departmentId, cycleStart, at) : null;
        }
        fact.resolvedByUserId = fact.ownerUserId ?? event.payload.byUserId;
        fact.resolvedTeamId = fact.teamId;
        return;
      case 'conversation.reopened':
        fact.status = 'open';
        fact.reopenedAt = at;
        fact.closedAt = null;
        fact.resolutionMs = null;
        fact.resolvedByUserId = null;
        fact.resolvedTeamId = null;
        return;
      case 'card.created':
      case 'card.moved': {
        const stage = this.lookups.stages.get(`${event.payload.cardId} ${event.payload.stageKey}`);
        fact.cardId = event.payload.cardId;
        this.byCard.set(event.payload.cardId, fact.conversationId);
        fact.stageKey = event.payload.stageKey;
        fact.stageCategory = stage?.category ?? null;
        return;
      }
      case 'sla.updated':
        fact.slaStatus = event.payload.status;
        return;
      case 'sla.breached':
        fact.slaStatus = 'red';
        if (!this.outcomes.has(event.payload.clockId))
          this.outcomes.set(event.payload.clockId, this.outcome(fact, event.payload, 'breached', at, null));
        return;
      case 'sla.clock_finished': {
        const p = event.payload;
        if (p.outcome === 'cancelled') return;
        const earlier = this.outcomes.get(p.clockId);
        // A clock that breached stays breached, whatever ended it later.
        if (earlier?.outcome === 'breached') return;
        this.outcomes.set(p.clockId, this.outcome(fact, p, p.outcome, new Date(p.finishedAt), p.byUserId));
        return;
      }
      default:
        return;
    }
  }

  private respond(
    fact: ConversationFact,
    sent: { messageId: string; numberId: string; byUserId: string | null },
    at: Date,
  ): void {
    const customerAt = fact.awaitingSince!;
    const businessMs = this.lookups.businessMs(fact.departmentId, customerAt, at);
    const userId = sent.byUserId ?? fact.ownerUserId;
    const first = fact.firstResponseAt === null;
    this.responses.push({
      messageId: sent.messageId,
      conversationId: fact.conversationId,
      kind: first ? 'first' : 'next',
      departmentId: fact.departmentId,
      numberId: sent.numberId,
      teamId: fact.teamId,
      userId,
      customerAt,
      respondedAt: at,
      businessMs,
    });
    if (first) {
      fact.firstResponseAt = at;
      fact.firstResponseMs = businessMs;
      fact.firstResponseUserId = userId;
    }
    fact.awaitingSince = null;
  }

  private outcome(
    fact: ConversationFact,
    p: { clockId: string; kind: string; numberId: string },
    outcome: 'met' | 'breached',
    at: Date,
    byUserId: string | null,
  ): SlaOutcomeFact {
    return {
      clockId: p.clockId,
      conversationId: fact.conversationId,
      departmentId: fact.departmentId,
      numberId: p.numberId,
      teamId: fact.teamId,
      userId: byUserId ?? fact.ownerUserId,
      kind: p.kind,
      outcome,
      at,
    };
  }

  private count(
    m: { messageId: string; numberId: string; departmentId: string },
    at: Date,
    way: 'inbound' | 'outbound',
  ): void {
    if (this.volume.has(m.messageId)) return;
    this.volume.set(m.messageId, {
      messageId: m.messageId,
      numberId: m.numberId,
      departmentId: m.departmentId,
      hour: hourOf(at),
      way,
    });
  }
}
