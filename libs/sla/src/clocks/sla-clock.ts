import type { SlaClockKind } from '@switchboard/engine';
import type { ClockFigures } from './clock-math';

/** A clock as stored in sla_clocks. */
export interface SlaClock extends ClockFigures {
  id: string;
  conversationId: string;
  departmentId: string;
  numberId: string;
  policyId: string;
  kind: SlaClockKind;
  businessHours: boolean;
  startedAt: Date;
  warnedAt: Date | null;
  breachedAt: Date | null;
  finishedAt: Date | null;
  byUserId: string | null;
}

export type ClockTransition =
  'started' | 'paused' | 'resumed' | 'warned' | 'breached' | 'met' | 'stopped' | 'recomputed';

/** A row of sla_clock_transitions to write: what happened to the clock, when, why, and its figures after. */
export interface TransitionInput {
  clockId: string;
  conversationId: string;
  at: Date;
  transition: ClockTransition;
  /** The domain event (`name@position`) or the timer key that caused it. */
  cause: string;
  elapsedMs: number;
  dueAt: Date | null;
}

export const RESPONSE_KINDS: readonly SlaClockKind[] = ['first_response', 'next_response'];
export const isResponse = (kind: SlaClockKind): boolean =>
  kind === 'first_response' || kind === 'next_response';
export const isStage = (kind: SlaClockKind): boolean => kind.startsWith('stage:');
export const isLive = (c: { state: string }): boolean => c.state === 'running' || c.state === 'paused';
