import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { FiredTimer, OnTimer } from '@switchboard/engine';
import type { SlaDeadlinePayload } from '@switchboard/engine';
import { SlaEscalations } from '../escalations/sla-escalations.service';
import { SlaPolicyBook } from '../policies/sla-policy-book.service';
import { BREACH_TIMER, DeadlinePayload, WARNING_TIMER } from './clock-effects';
import { ClockEffectsWriter } from './clock-effects.writer';
import type { SlaClock } from './sla-clock';
import { SlaClockRepository } from './sla-clock.repository';
import { SlaConversationRepository } from './sla-conversation.repository';

/**
 * The clocks' deadlines firing: a clock is marked warned or breached once (a compare-and-set on the clock: still
 * running, not yet marked, and the deadline still the one the timer was set for), the transition recorded,
 * sla.warning / sla.breached and sla.updated published and the policy's escalations run, all in the transaction
 * that removes the timer. A timer whose clock paused, finished or moved its deadline does nothing.
 */
@Injectable()
export class SlaDeadlinesHandler {
  constructor(
    private readonly clocks: SlaClockRepository,
    private readonly conversations: SlaConversationRepository,
    private readonly book: SlaPolicyBook,
    private readonly escalations: SlaEscalations,
    private readonly writer: ClockEffectsWriter,
  ) {}

  @OnTimer(WARNING_TIMER)
  async warning(fired: FiredTimer[], em: EntityManager): Promise<void> {
    await this.fire(fired, em, 'warning');
  }

  @OnTimer(BREACH_TIMER)
  async breach(fired: FiredTimer[], em: EntityManager): Promise<void> {
    await this.fire(fired, em, 'breach');
  }

  private async fire(fired: FiredTimer[], em: EntityManager, on: 'warning' | 'breach'): Promise<void> {
    const marked: SlaClock[] = [];
    // Each timer locks its clock row, then (escalating) its conversation's rows: taken in one global order, by
    // conversation then clock, two workers' batches wait on each other instead of deadlocking.
    const ordered = [...fired].sort((x, y) => {
      const [a, b] = [x.payload as DeadlinePayload, y.payload as DeadlinePayload];
      return compare(a.conversationId, b.conversationId) || compare(a.clockId, b.clockId);
    });
    for (const timer of ordered) {
      const p = timer.payload as DeadlinePayload;
      const dueAt = new Date(p.dueAt);
      // The fact's time is the deadline itself, not when a worker got to it.
      const clock = await this.clocks.markDeadline(em, p.clockId, on, dueAt, dueAt);
      if (!clock) continue;
      marked.push(clock);
      await this.clocks.transitions(em, [
        {
          clockId: clock.id,
          conversationId: clock.conversationId,
          at: dueAt,
          transition: on === 'warning' ? 'warned' : 'breached',
          cause: timer.key,
          // Counted time at the threshold is the threshold itself (or more, when it resumed already past it).
          elapsedMs: Math.max(clock.elapsedMs, on === 'warning' ? clock.warnMs : clock.targetMs),
          dueAt: clock.dueAt,
        },
      ]);
      await this.escalate(em, clock, on);
    }
    if (!marked.length) return;
    await this.writer.publish(
      em,
      marked.map((c) => ({
        name: on === 'warning' ? ('sla.warning' as const) : ('sla.breached' as const),
        payload: deadlinePayload(c, on),
      })),
      new Map(marked.map((c) => [c.conversationId, c.departmentId])),
    );
  }

  /**
   * Runs the policy's escalations for this firing. The policy is the one that applies to the conversation now; the
   * clocks follow every reselection, so it is the clock's own unless an admin reordered policies since it last
   * changed (then nothing escalates for it, rather than another policy's actions).
   */
  private async escalate(em: EntityManager, clock: SlaClock, on: 'warning' | 'breach'): Promise<void> {
    const conversation = await this.conversations.get(em, clock.conversationId);
    if (!conversation) return;
    const policy = await this.book.select(em, {
      departmentId: conversation.departmentId,
      numberId: conversation.numberId,
      priority: conversation.priority,
      requestType: conversation.requestType,
    });
    if (!policy || policy.id !== clock.policyId) return;
    await this.escalations.apply(em, {
      clockId: clock.id,
      conversationId: clock.conversationId,
      departmentId: clock.departmentId,
      kind: clock.kind,
      on,
      policy,
    });
  }
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function deadlinePayload(c: SlaClock, on: 'warning' | 'breach'): SlaDeadlinePayload {
  return {
    clockId: c.id,
    conversationId: c.conversationId,
    departmentId: c.departmentId,
    numberId: c.numberId,
    policyId: c.policyId,
    kind: c.kind,
    dueAt: (on === 'warning' ? c.warnAt : c.dueAt)!.toISOString(),
  };
}
