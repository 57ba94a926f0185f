import {
  BusinessCalendar,
  businessDueAt,
  businessElapsedMs,
  BusinessTimeUnreachableError,
} from '@switchboard/contracts';

/** How a clock counts time: the department's business calendar, or the wall clock. */
export interface TimeBasis {
  /** Time counted between two instants (0 when `to` is not after `from`). */
  elapsedMs(from: Date, to: Date): number;
  /**
   * The instant when `ms` of counted time have passed since `start`; null when that never comes (a calendar that
   * does not open again): the clock then runs with no deadline and no timer, never a far-future sentinel (which
   * PostgreSQL cannot store).
   */
  dueAt(start: Date, ms: number): Date | null;
}

export const WALL_CLOCK: TimeBasis = {
  elapsedMs: (from, to) => Math.max(0, to.getTime() - from.getTime()),
  dueAt: (start, ms) => new Date(start.getTime() + Math.max(0, ms)),
};

/** Business time of a department's calendar (nights, weekends and holidays do not count). */
export function businessTime(calendar: BusinessCalendar): TimeBasis {
  return {
    elapsedMs: (from, to) => businessElapsedMs(calendar, from, to),
    dueAt: (start, ms) => {
      try {
        return businessDueAt(calendar, start, Math.max(0, ms));
      } catch (e) {
        // A calendar that never opens again within the horizon: no deadline (and no timer) until it changes.
        if (e instanceof BusinessTimeUnreachableError) return null;
        throw e;
      }
    },
  };
}
