import { EntityManager } from '@mikro-orm/postgresql';
import { HttpException, Injectable } from '@nestjs/common';
import { CardTimelineService } from '@switchboard/pipelines';
import {
  ConversationOwnershipService,
  ConversationRoutingFacts,
  RoutingFactsQuery,
  RoutingMessage,
} from '@switchboard/conversations';
import { Clock, DomainEvent, DomainEventInput, DomainEvents, OnDomainEvent, sql } from '@switchboard/engine';
import type { ActionOutcome } from '../actions/action-outcome';
import { CardAndReplyActions } from '../actions/card-and-reply-actions.service';
import { ConversationActions } from '../actions/conversation-actions.service';
import { ruleActor } from '../actions/rule-actor';
import type { RoutingFacts } from '../matching/routing-facts';
import type { RoutingRule, RoutingTrigger } from '../rules/routing-rule';
import { FactsBuilder } from './facts-builder.service';
import { RuleBook } from './rule-book.service';

export const ROUTING_SUBSCRIBER = 'routing.rules';

type Kind = 'opened' | 'reopened' | 'transferred' | 'message';

interface Decision {
  conversationId: string;
  /** The department the event names (for a customer message: where it arrived). */
  departmentId: string;
  /** The triggering event's stream position: with the conversation, the decision's idempotency key. */
  position: string;
  kind: Kind;
  messageId?: string;
}

interface Planned extends Decision {
  conversation: ConversationRoutingFacts;
  trigger: RoutingTrigger;
  facts: RoutingFacts;
  matched: RoutingRule[];
  early: Map<string, ActionOutcome[]>;
}

/**
 * Runs the routing rules: `conversation_opened` rules when a conversation opens, is reopened by the customer or is
 * transferred (then the receiving department's rules, without transfers: the loop guard), `every_message` rules on
 * each customer message. Each matching rule's actions and their outcomes go on the card timeline; an
 * opened/reopened/transferred decision publishes conversation.routed exactly once, in the transaction of its
 * actions, matched or not. A decision is recorded per (conversation, event position), so a re-delivered event
 * applies nothing twice. A batch reads its rules, conversations and messages in one query each; customer messages
 * of departments without an enabled every_message rule (the bulk of the stream) are passed over first, with one
 * query.
 */
@Injectable()
export class RoutingSubscriber {
  constructor(
    private readonly book: RuleBook,
    private readonly facts: FactsBuilder,
    private readonly query: RoutingFactsQuery,
    private readonly early: CardAndReplyActions,
    private readonly actions: ConversationActions,
    private readonly ownership: ConversationOwnershipService,
    private readonly timeline: CardTimelineService,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  @OnDomainEvent(
    ['conversation.opened', 'conversation.reopened', 'conversation.transferred', 'message.received'],
    ROUTING_SUBSCRIBER,
  )
  async handle(events: DomainEvent[], em: EntityManager): Promise<void> {
    const decisions = await this.undecided(em, await this.withoutIdleMessages(em, events.map(toDecision)));
    if (!decisions.length) return;
    const conversations = await this.query.conversations(em, [
      ...new Set(decisions.map((d) => d.conversationId)),
    ]);
    const live = decisions.filter((d) => conversations.has(d.conversationId));
    const departments = [...new Set([...conversations.values()].map((c) => c.departmentId))];
    const book = await this.book.load(em, departments);
    // A customer message only matters when its department has every_message rules: skip the rest early.
    const relevant = live.filter(
      (d) =>
        d.kind !== 'message' ||
        book
          .get(conversations.get(d.conversationId)!.departmentId)!
          .rules.some((r) => r.enabled && r.trigger === 'every_message'),
    );
    if (!relevant.length) return;
    const messages = await this.messagesOf(em, relevant);
    const ids = [...new Set(relevant.map((d) => d.conversationId))];
    const cards = await this.facts.cards(em, ids);
    const now = this.clock.now();
    const hours = await this.facts.withinBusinessHours(
      [...conversations.values()].map((c) => ({ id: c.numberId, departmentId: c.departmentId })),
      now,
    );

    // Phase 1: match, then the actions that commit on their own (card commands, replies), before this
    // transaction writes anything on those cards or conversations.
    const planned: Planned[] = [];
    for (const d of relevant) {
      const conversation = conversations.get(d.conversationId)!;
      const rules = book.get(conversation.departmentId)!;
      const message =
        d.kind === 'message'
          ? messages.byId.get(d.messageId!)
          : messages.byConversation.get(d.conversationId);
      const card = cards.get(d.conversationId) ?? null;
      const facts = this.facts.facts({
        numberId: conversation.numberId,
        text: message?.text ?? null,
        waIdOrPhone: conversation.waId,
        conversation,
        card,
        plugin: rules.plugin,
        withinBusinessHours: hours.get(conversation.numberId) ?? false,
      });
      const trigger: RoutingTrigger = d.kind === 'message' ? 'every_message' : 'conversation_opened';
      const matched = conversation.status === 'open' ? this.book.matching(rules.rules, trigger, facts) : [];
      const early = new Map<string, ActionOutcome[]>();
      for (const rule of matched)
        early.set(
          rule.id,
          await this.early.apply(
            rule,
            { id: d.conversationId, windowExpiresAt: conversation.windowExpiresAt },
            card,
            `${d.conversationId}:${d.position}`,
          ),
        );
      planned.push({ ...d, conversation, trigger, facts, matched, early });
    }

    // Phase 2: the decision's own writes, its timeline lines and conversation.routed, in this transaction (one
    // commit, so the subscribers after routing wake once a batch), conversations in id order (a conversation's own
    // decisions in stream order), the order intake's batched update lists them in. Deadlocks with intake remain
    // possible while that update does not lock in id order and the ownership lock is FOR UPDATE (it waits on the key
    // share intake's message inserts hold); delivery retries the batch.
    const ordered = [...planned].sort((a, b) =>
      a.conversationId < b.conversationId ? -1 : a.conversationId > b.conversationId ? 1 : 0,
    );
    await this.record(em, ordered);
    // A conversation no rule matched in this batch only gets its language and its place in the queue: those go in
    // one statement at the end, so the batch holds its conversations' row locks (which intake's next messages
    // wait for) only from there to its commit, not while the other decisions run.
    const withRules = new Set(ordered.filter((p) => p.matched.length).map((p) => p.conversationId));
    const routed: DomainEventInput[] = [];
    const deferred: { conversationId: string; language: string | null; enqueue: boolean }[] = [];
    for (const p of ordered) {
      if (!withRules.has(p.conversationId)) {
        if (p.kind === 'message') continue;
        deferred.push({
          conversationId: p.conversationId,
          language: p.facts.language && p.conversation.status === 'open' ? p.facts.language : null,
          enqueue: true,
        });
        routed.push(routedEvent(p, p.conversation.departmentId));
        continue;
      }
      const event = await this.decide(em, p);
      if (event) routed.push(event);
    }
    await this.events.publish(em, routed);
    await this.ownership.routedMany(em, deferred);
  }

  /** One insert for the batch's decisions (a customer message's only when a rule matched). */
  private async record(em: EntityManager, planned: Planned[]): Promise<void> {
    const recorded = planned.filter((p) => p.matched.length || p.kind !== 'message');
    if (!recorded.length) return;
    await sql(
      em,
      `insert into routing_decisions (conversation_id, event_position, trigger, department_id, rule_ids, created_at)
       select d.conversation_id, d.event_position, d.trigger, d.department_id,
              array(select jsonb_array_elements_text(d.rule_ids))::uuid[], now()
         from unnest(?::uuid[], ?::text[], ?::text[], ?::uuid[], ?::jsonb[])
           as d(conversation_id, event_position, trigger, department_id, rule_ids)`,
      [
        recorded.map((p) => p.conversationId),
        recorded.map((p) => p.position),
        recorded.map((p) => p.trigger),
        recorded.map((p) => p.conversation.departmentId),
        recorded.map((p) => JSON.stringify(p.matched.map((r) => r.id))),
      ],
    );
  }

  /** Drops the customer messages of departments that have no enabled every_message rule, with one query. */
  private async withoutIdleMessages(em: EntityManager, decisions: Decision[]): Promise<Decision[]> {
    const messageDepartments = decisions.filter((d) => d.kind === 'message').map((d) => d.departmentId);
    if (!messageDepartments.length) return decisions;
    const listening = await this.book.withEveryMessageRules(em, messageDepartments);
    return decisions.filter((d) => d.kind !== 'message' || listening.has(d.departmentId));
  }

  /** The decision's own writes and timeline lines; returns its conversation.routed (published with the batch's). */
  private async decide(em: EntityManager, p: Planned): Promise<DomainEventInput | null> {
    let departmentId = p.conversation.departmentId;
    if (p.kind !== 'message' && p.facts.language && p.conversation.status === 'open')
      await em
        .transactional((tx) =>
          this.ownership.setRequirements(
            tx,
            p.conversationId,
            { language: p.facts.language },
            {
              type: 'system',
              id: null,
              label: 'Routing',
            },
          ),
        )
        // A refusal (HTTP-shaped) leaves the language unset; anything else (a deadlock, a lost connection) fails
        // the batch so delivery retries it.
        .catch((e: unknown) => {
          if (!(e instanceof HttpException)) throw e;
        });
    for (const rule of p.matched) {
      const { outcomes, transferredTo } = await this.actions.apply(
        em,
        rule,
        { id: p.conversationId, departmentId, windowExpiresAt: p.conversation.windowExpiresAt },
        { transfers: p.kind !== 'transferred' },
      );
      await this.timeline.append(em, p.conversationId, {
        kind: 'routing',
        actor: ruleActor(rule),
        data: {
          ruleId: rule.id,
          ruleName: rule.name,
          source: rule.source,
          ...(rule.pluginId ? { pluginId: rule.pluginId } : {}),
          trigger: rule.trigger,
          event: p.kind,
          actions: [...(p.early.get(rule.id) ?? []), ...outcomes],
        },
      });
      if (transferredTo) departmentId = transferredTo;
    }
    if (p.kind !== 'message') {
      // Routing has spoken: now (not before) the queue may take it. A transfer leaves that to the receiving
      // department's decision.
      if (departmentId === p.conversation.departmentId) await this.ownership.enqueue(em, p.conversationId);
      return routedEvent(p, departmentId);
    }
    return null;
  }

  /** Drops the events already decided (a re-delivery) and the duplicates within the batch. */
  private async undecided(em: EntityManager, decisions: Decision[]): Promise<Decision[]> {
    const unique = [...new Map(decisions.map((d) => [`${d.conversationId}:${d.position}`, d])).values()];
    if (!unique.length) return [];
    const done = await sql<{ conversation_id: string; event_position: string }>(
      em,
      `select conversation_id, event_position from routing_decisions
        where (conversation_id, event_position) in (select * from unnest(?::uuid[], ?::text[]))`,
      [unique.map((d) => d.conversationId), unique.map((d) => d.position)],
    );
    const seen = new Set(done.map((r) => `${r.conversation_id}:${r.event_position}`));
    return unique.filter((d) => !seen.has(`${d.conversationId}:${d.position}`));
  }

  private async messagesOf(em: EntityManager, decisions: Decision[]) {
    const byId = await this.query.messages(
      em,
      decisions.filter((d) => d.kind === 'message').map((d) => d.messageId!),
    );
    const opened = decisions.filter((d) => d.kind === 'opened').map((d) => d.conversationId);
    const others = decisions
      .filter((d) => d.kind === 'reopened' || d.kind === 'transferred')
      .map((d) => d.conversationId);
    const byConversation = new Map<string, RoutingMessage>([
      ...(await this.query.customerMessage(em, others, 'latest')),
      ...(await this.query.customerMessage(em, opened, 'first')),
    ]);
    return { byId, byConversation };
  }
}

/** conversation.routed of an opened/reopened/transferred decision, naming where it now is. */
function routedEvent(p: Planned, departmentId: string): DomainEventInput {
  return {
    name: 'conversation.routed',
    payload: {
      conversationId: p.conversationId,
      departmentId,
      numberId: p.conversation.numberId,
      ruleIds: p.matched.map((r) => r.id),
      // The triage intent the decision saw: SLA policies match on it as the request type.
      requestType: p.facts.intent ?? null,
    },
  };
}

function toDecision(e: DomainEvent): Decision {
  switch (e.name) {
    case 'conversation.opened':
      return { ...of(e.payload), position: e.position, kind: 'opened' };
    case 'conversation.reopened':
      return { ...of(e.payload), position: e.position, kind: 'reopened' };
    case 'conversation.transferred':
      return { ...of(e.payload), position: e.position, kind: 'transferred' };
    case 'message.received':
      return {
        ...of(e.payload),
        position: e.position,
        kind: 'message',
        messageId: e.payload.messageId,
      };
    default:
      throw new Error(`routing: unexpected event ${e.name}`);
  }
}

const of = (p: { conversationId: string; departmentId: string }) => ({
  conversationId: p.conversationId,
  departmentId: p.departmentId,
});
