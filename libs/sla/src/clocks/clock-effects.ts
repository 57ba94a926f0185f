import type { DomainEventInput, TimerInput } from '@switchboard/engine';
import type { SlaClock, TransitionInput } from './sla-clock';

export const WARNING_TIMER = 'sla.warning';
export const BREACH_TIMER = 'sla.breach';
export const warningKey = (clockId: string): string => `sla:${clockId}:warning`;
export const breachKey = (clockId: string): string => `sla:${clockId}:breach`;

/** What the deadline timers carry: the clock and the instant they were set for (a moved deadline does not fire). */
export interface DeadlinePayload extends Record<string, unknown> {
  clockId: string;
  conversationId: string;
  dueAt: string;
}

/**
 * What applying a batch of events to the clocks amounts to, collected in memory and written at the end in a few
 * statements: the clocks inserted and changed, their transitions, the timers set and removed, the events to publish,
 * and the conversations whose SLA state may have changed.
 */
export class ClockEffects {
  readonly inserted = new Map<string, SlaClock>();
  readonly updated = new Map<string, SlaClock>();
  readonly transitions: TransitionInput[] = [];
  /** Last word per timer key: a timer to set, or null to remove it. */
  readonly timers = new Map<string, TimerInput | null>();
  readonly events: DomainEventInput[] = [];
  readonly touched = new Map<string, string>();

  created(c: SlaClock): void {
    this.inserted.set(c.id, c);
    this.touch(c);
  }

  changed(c: SlaClock): void {
    if (!this.inserted.has(c.id)) this.updated.set(c.id, c);
    this.touch(c);
  }

  /** Sets the clock's deadline timers while it runs (each only until it fired), removes them otherwise. */
  deadlines(c: SlaClock): void {
    const set = (kind: string, key: string, at: Date | null, done: Date | null) =>
      this.timers.set(
        key,
        c.state === 'running' && at && !done
          ? {
              kind,
              key,
              dueAt: at,
              payload: { clockId: c.id, conversationId: c.conversationId, dueAt: at.toISOString() },
            }
          : null,
      );
    set(WARNING_TIMER, warningKey(c.id), c.warnAt, c.warnedAt);
    set(BREACH_TIMER, breachKey(c.id), c.dueAt, c.breachedAt);
  }

  private touch(c: SlaClock): void {
    this.touched.set(c.conversationId, c.departmentId);
  }
}
