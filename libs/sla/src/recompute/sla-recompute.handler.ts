import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { DurableTimers, FiredTimer, OnTimer } from '@switchboard/engine';
import { ClockContextFactory } from '../clocks/clock-context.factory';
import { ClockEffects } from '../clocks/clock-effects';
import { ClockEffectsWriter } from '../clocks/clock-effects.writer';
import { Cause, ConversationClocks } from '../clocks/conversation-clocks';
import type { SlaClock } from '../clocks/sla-clock';
import { SlaClockRepository } from '../clocks/sla-clock.repository';
import { SlaConversation, SlaConversationRepository } from '../clocks/sla-conversation.repository';
import { recomputeCandidates } from './recompute-candidates';
import { RECOMPUTE_BATCH, RECOMPUTE_TIMER, RecomputePayload } from './recompute-timers';

/**
 * One batch of a recompute after an edit: the next conversations' rows and live clocks are locked (in the clocks
 * subscriber's order, by conversation), recomputed at the timer's time (a policy: selected again, as a priority
 * change does; a calendar: its running business-hours clocks count on under it), written with their transitions,
 * timers and sla.updated, and the next batch scheduled in the same transaction.
 */
@Injectable()
export class SlaRecomputeHandler {
  constructor(
    private readonly conversations: SlaConversationRepository,
    private readonly clocks: SlaClockRepository,
    private readonly contexts: ClockContextFactory,
    private readonly writer: ClockEffectsWriter,
    private readonly timers: DurableTimers,
  ) {}

  // Alone: a batch is a transaction's worth of locks (RECOMPUTE_BATCH conversations); two batches, or a batch and
  // other timers, in one transaction would lock more, in separately sorted sets, and fail together.
  @OnTimer(RECOMPUTE_TIMER, { alone: true })
  async fire(fired: FiredTimer[], em: EntityManager): Promise<void> {
    for (const timer of fired) await this.batch(timer, em);
  }

  private async batch(timer: FiredTimer, em: EntityManager): Promise<void> {
    const p = timer.payload as RecomputePayload;
    const ids = await recomputeCandidates(em, p.scope, p.id, p.after, RECOMPUTE_BATCH);
    if (!ids.length) return;
    const known = await this.conversations.lock(em, ids);
    const live = new Map<string, SlaClock[]>();
    for (const clock of await this.clocks.live(em, ids))
      live.set(clock.conversationId, [...(live.get(clock.conversationId) ?? []), clock]);
    const effects = new ClockEffects();
    const context = this.contexts.create(em);
    const c: Cause = { at: timer.firedAt, cause: p.cause };
    const changed: SlaConversation[] = [];
    for (const id of ids) {
      const conversation = known.get(id);
      if (!conversation) continue;
      const clocks = new ConversationClocks(conversation, live.get(id) ?? [], context, effects);
      if (p.scope === 'calendar') await clocks.calendarChanged(c, p.id);
      else if (p.scope === 'department') await clocks.policiesChanged(c);
      else await clocks.changed(c, {});
      changed.push(conversation);
    }
    await this.conversations.save(em, changed);
    await this.writer.write(em, effects);
    if (ids.length === RECOMPUTE_BATCH)
      await this.timers.schedule(em, [
        {
          kind: RECOMPUTE_TIMER,
          key: timer.key,
          dueAt: timer.firedAt,
          payload: { ...p, after: ids.at(-1)! },
        },
      ]);
  }
}
