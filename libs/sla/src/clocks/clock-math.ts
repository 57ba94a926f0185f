import type { TimeBasis } from './time-basis';

export type ClockState = 'running' | 'paused' | 'met' | 'breached' | 'stopped';

/** A target in milliseconds of counted time: 🟡 from `warnMs`, 🔴 at `targetMs`. */
export interface ClockTarget {
  targetMs: number;
  warnMs: number;
}

/** A clock's counting figures: what every transition changes. */
export interface ClockFigures extends ClockTarget {
  state: ClockState;
  /** Counted time up to `lastResumedAt` while running, the whole count otherwise. */
  elapsedMs: number;
  /** When it last started or resumed counting; null unless running. */
  lastResumedAt: Date | null;
  dueAt: Date | null;
  warnAt: Date | null;
}

/** Counted time at `at`: the stored count, plus the time since the last resume while running. */
export function elapsedAt(c: ClockFigures, basis: TimeBasis, at: Date): number {
  if (c.state !== 'running' || !c.lastResumedAt) return c.elapsedMs;
  return c.elapsedMs + basis.elapsedMs(c.lastResumedAt, at);
}

/** A running clock counting from `at` with `elapsedMs` already counted: its warning and deadline instants. */
function running(target: ClockTarget, elapsedMs: number, at: Date, basis: TimeBasis): ClockFigures {
  return {
    ...target,
    state: 'running',
    elapsedMs,
    lastResumedAt: at,
    dueAt: basis.dueAt(at, target.targetMs - elapsedMs),
    warnAt: basis.dueAt(at, target.warnMs - elapsedMs),
  };
}

export function started(target: ClockTarget, at: Date, basis: TimeBasis): ClockFigures {
  return running(target, 0, at, basis);
}

/** Stops counting: the count so far is kept, the deadlines go until it resumes. */
export function paused(c: ClockFigures, at: Date, basis: TimeBasis): ClockFigures {
  return {
    ...c,
    state: 'paused',
    elapsedMs: elapsedAt(c, basis, at),
    lastResumedAt: null,
    dueAt: null,
    warnAt: null,
  };
}

/** Counts again from `at`: the deadlines move by the paused time. */
export function resumed(c: ClockFigures, at: Date, basis: TimeBasis): ClockFigures {
  return running(c, c.elapsedMs, at, basis);
}

/**
 * Another target (a policy change): the time counted so far stays (under the basis it was counted in), the
 * deadlines are those of the new target from `at` under the new basis. Not a restart.
 */
export function recomputed(
  c: ClockFigures,
  target: ClockTarget,
  at: Date,
  before: TimeBasis,
  after: TimeBasis,
): ClockFigures {
  const elapsedMs = elapsedAt(c, before, at);
  if (c.state !== 'running') return { ...c, ...target, elapsedMs };
  return running(target, elapsedMs, at, after);
}

/** Ends the clock: the final count is kept, nothing is due any more. */
export function finished(
  c: ClockFigures,
  state: 'met' | 'breached' | 'stopped',
  at: Date,
  basis: TimeBasis,
): ClockFigures {
  return { ...c, state, elapsedMs: elapsedAt(c, basis, at), lastResumedAt: null, dueAt: null, warnAt: null };
}

export const minutes = (m: number): number => Math.round(m * 60_000);
