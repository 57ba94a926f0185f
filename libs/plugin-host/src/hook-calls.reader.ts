import { Injectable } from '@nestjs/common';
import { ReceivedMessagesQuery } from '@switchboard/conversations';
import { DomainEvent, PluginTarget } from '@switchboard/engine';
import { PluginCardQuery } from '@switchboard/pipelines';
import type { HookName, PluginCard } from '@switchboard/plugin-sdk';

/** One hook to run for one domain event, with what the plugin receives. */
export interface HookCall {
  hook: HookName;
  target: PluginTarget;
  /** The domain event's position: what a re-delivery is recognised by. */
  key: string;
  subjectId: string;
  event: Record<string, unknown>;
  /** card.stage_changed: the entered stage's automations, of the plugin that contributed the pipeline. */
  automations?: { pluginId: string; names: string[]; card: PluginCard };
}

/** The order hooks run in within a batch: a card's creation before its messages, as intake records them. */
export const HOOK_ORDER: readonly HookName[] = [
  'card.created',
  'message.received',
  'card.stage_changed',
  'conversation.assigned',
  'conversation.closed',
];

const ofName = <N extends DomainEvent['name']>(events: DomainEvent[], name: N) =>
  events.filter((e): e is Extract<DomainEvent, { name: N }> => e.name === name);

/**
 * Turns a batch of domain events into hook calls. Events carry ids only; what plugins receive (message bodies,
 * cards, stage names) is read here, set-based, through the owning libraries. An event whose subject is gone
 * (a card or message deleted since) has no call.
 */
@Injectable()
export class HookCallsReader {
  constructor(
    private readonly messages: ReceivedMessagesQuery,
    private readonly cards: PluginCardQuery,
  ) {}

  async read(events: DomainEvent[]): Promise<HookCall[]> {
    const received = ofName(events, 'message.received');
    const created = ofName(events, 'card.created');
    const moved = ofName(events, 'card.moved');
    const assigned = ofName(events, 'conversation.assigned');
    const closed = ofName(events, 'conversation.closed');
    const conversationIds = [
      ...new Set([...received, ...assigned, ...closed].map((e) => e.payload.conversationId)),
    ];
    const [messages, cardOf, cards, places] = await Promise.all([
      this.messages.byIds(received.map((e) => e.payload.messageId)),
      this.cards.idsForConversations(conversationIds),
      this.cards.byIds([...created, ...moved].map((e) => e.payload.cardId)),
      this.messages.placeOf([...new Set([...assigned, ...closed].map((e) => e.payload.conversationId))]),
    ]);
    const calls: HookCall[] = [];
    for (const e of created) {
      const c = cards.get(e.payload.cardId);
      if (!c) continue;
      calls.push({
        hook: 'card.created',
        target: { numberId: c.numberId, departmentId: e.payload.departmentId },
        key: e.position,
        subjectId: c.card.id,
        event: { cardId: c.card.id, conversationId: c.card.conversationId, title: c.title, card: c.card },
      });
    }
    for (const e of received) {
      const m = messages.get(e.payload.messageId);
      if (!m) continue;
      const { numberId, departmentId, ...message } = m;
      calls.push({
        hook: 'message.received',
        target: { numberId, departmentId },
        key: e.position,
        subjectId: m.messageId,
        event: { ...message, cardId: cardOf.get(m.conversationId) ?? null },
      });
    }
    for (const e of moved) {
      const c = cards.get(e.payload.cardId);
      const move = c && (await this.cards.stageMove(c.card.id, e.payload.fromStageKey, e.payload.stageKey));
      if (!c || !move) continue;
      calls.push({
        hook: 'card.stage_changed',
        target: { numberId: c.numberId, departmentId: e.payload.departmentId },
        key: e.position,
        subjectId: c.card.id,
        event: {
          cardId: c.card.id,
          conversationId: c.card.conversationId,
          from: move.from,
          to: move.to,
          by: move.by,
          card: c.card,
        },
        automations:
          move.pipelinePluginId && move.onEnter.length
            ? { pluginId: move.pipelinePluginId, names: move.onEnter, card: c.card }
            : undefined,
      });
    }
    for (const e of [...assigned, ...closed]) {
      const place = places.get(e.payload.conversationId);
      if (!place) continue;
      const { departmentId: _department, ...payload } = e.payload;
      calls.push({
        hook: e.name,
        target: place,
        key: e.position,
        subjectId: e.payload.conversationId,
        event: { ...payload, cardId: cardOf.get(e.payload.conversationId) ?? null },
      });
    }
    return calls;
  }
}
