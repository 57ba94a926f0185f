import type { SlaClockKind } from '@switchboard/engine';
import type { ClockState } from './clock-math';
import type { ClockTransition } from './sla-clock';

/** One clock as GET /api/conversations/:id/sla shows it. */
export interface SlaClockView {
  id: string;
  kind: SlaClockKind;
  state: ClockState;
  policyId: string;
  departmentId: string;
  /** Counted in the department's business hours, or on the wall clock. */
  businessHours: boolean;
  startedAt: string;
  /** Counted time (pauses excluded) up to now for a running clock, the final count otherwise. */
  elapsedMs: number;
  targetMs: number;
  warnMs: number;
  dueAt: string | null;
  warnAt: string | null;
  warnedAt: string | null;
  breachedAt: string | null;
  finishedAt: string | null;
  byUserId: string | null;
}

/** One recorded transition: what happened, when, why (event or timer), and the clock's figures right after. */
export interface SlaTransitionView {
  clockId: string;
  kind: SlaClockKind;
  at: string;
  transition: ClockTransition;
  cause: string;
  elapsedMs: number;
  dueAt: string | null;
}

export interface ConversationSlaView {
  conversationId: string;
  clocks: SlaClockView[];
  /** Oldest first: together they explain every figure of the clocks (each clock's latest 500). */
  transitions: SlaTransitionView[];
  /** True when some clock had more than 500 transitions: its oldest are left out. */
  truncated: boolean;
}
