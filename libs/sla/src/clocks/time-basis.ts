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
  /** The instant when `ms` of counted time have passed since `start`. */
  dueAt(start: Date, ms: number): Date;
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
        // A calendar that never opens again within the horizon: the deadline never comes (no timer fires early).
        if (e instanceof BusinessTimeUnreachableError) return NEVER;
        throw e;
      }
    },
  };
}

/** The latest instant a Date holds: "not due within any horizon". */
export const NEVER = new Date(8.64e15);
