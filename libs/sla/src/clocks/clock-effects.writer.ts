import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  ConversationSlaState,
  ConversationSlaStates,
  DomainEventInput,
  DomainEvents,
  DurableTimers,
  TimerInput,
} from '@switchboard/engine';
import { ClockEffects } from './clock-effects';
import { SlaClockRepository } from './sla-clock.repository';

/** The sla.updated payload of a conversation's state (no clock: 🟢). */
export function slaUpdated(
  conversationId: string,
  departmentId: string,
  state: ConversationSlaState | undefined,
): DomainEventInput {
  return {
    name: 'sla.updated',
    payload: {
      conversationId,
      departmentId,
      status: state?.status ?? 'green',
      warning: state?.warning ?? false,
      clockKind: state?.clockKind ?? null,
      dueAt: state?.dueAt?.toISOString() ?? null,
    },
  };
}

/** Writes what a batch did to the clocks, in the caller's transaction. */
@Injectable()
export class ClockEffectsWriter {
  constructor(
    private readonly clocks: SlaClockRepository,
    private readonly timers: DurableTimers,
    private readonly events: DomainEvents,
    private readonly states: ConversationSlaStates,
  ) {}

  async write(em: EntityManager, effects: ClockEffects): Promise<void> {
    for (const c of effects.inserted.values()) await this.clocks.insert(em, c);
    for (const c of effects.updated.values()) await this.clocks.update(em, c);
    await this.clocks.transitions(em, effects.transitions);
    const scheduled: TimerInput[] = [];
    const cancelled: string[] = [];
    for (const [key, timer] of effects.timers)
      if (timer) scheduled.push(timer);
      else cancelled.push(key);
    if (cancelled.length) await this.timers.cancel(em, cancelled);
    if (scheduled.length) await this.timers.schedule(em, scheduled);
    await this.publish(em, effects.events, effects.touched);
  }

  /** Publishes `events` and, for each conversation in `touched`, sla.updated with its state after the change. */
  async publish(
    em: EntityManager,
    events: readonly DomainEventInput[],
    touched: ReadonlyMap<string, string>,
  ): Promise<void> {
    const states = await this.states.of(em, [...touched.keys()]);
    await this.events.publish(em, [
      ...events,
      ...[...touched].map(([id, departmentId]) => slaUpdated(id, departmentId, states.get(id))),
    ]);
  }
}
