import type { BusinessCalendar } from '../business-calendar.contract';
import { everOpen, type Interval, intervalsOn } from './calendar-days';
import { addDays, DAY_MS, dayOffsets, HOUR_MS, localDateAt, wallMidnight } from './zone-clock';

/** How far the math walks: a due date further than this (or a calendar never open) is an error, not a loop. */
export const BUSINESS_TIME_HORIZON_YEARS = 10;
const HORIZON_MS = Math.ceil(BUSINESS_TIME_HORIZON_YEARS * 365.25) * DAY_MS;
/** No local day starts more than 14 h before its wall-clock midnight (the largest offset east, UTC+14). */
const EARLIEST_DAY_START = 14 * HOUR_MS;

/** A due date that business time never reaches within the horizon (e.g. a calendar with no open time). */
export class BusinessTimeUnreachableError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'BusinessTimeUnreachableError';
  }
}

function instant(at: Date, what: string): number {
  const t = at.getTime();
  if (Number.isNaN(t)) throw new RangeError(`${what}: invalid date`);
  return t;
}

const contains = (intervals: Interval[], t: number) => intervals.some((i) => i.start <= t && t < i.end);

/** Whether `at` is inside the calendar's business time (opening inclusive, closing exclusive). */
export function isOpenAt(calendar: BusinessCalendar, at: Date): boolean {
  const t = instant(at, 'isOpenAt');
  const date = localDateAt(calendar.timezone, t);
  if (contains(intervalsOn(calendar, date).intervals, t)) return true;
  // Near a zone transition a neighbouring day's period can reach into this date (a repeated hour across midnight).
  const offsets = dayOffsets(calendar.timezone, wallMidnight(date));
  if (offsets.before === offsets.after) return false;
  return (
    contains(intervalsOn(calendar, addDays(date, -1)).intervals, t) ||
    contains(intervalsOn(calendar, addDays(date, 1)).intervals, t)
  );
}

/**
 * The instant when `businessMs` of business time have passed since `start` (start itself may be outside hours:
 * counting begins at the next opening). Exactly reaching a closing time answers that closing time. Walks local days
 * from `start`: O(days spanned). Throws BusinessTimeUnreachableError when the calendar has no open time or the due
 * date lies beyond ten years.
 */
export function businessDueAt(calendar: BusinessCalendar, start: Date, businessMs: number): Date {
  const s = instant(start, 'businessDueAt');
  if (!Number.isFinite(businessMs) || businessMs < 0)
    throw new RangeError(`businessDueAt: businessMs must be a finite number ≥ 0 (got ${businessMs})`);
  if (businessMs === 0) return new Date(s);
  if (!everOpen(calendar))
    throw new BusinessTimeUnreachableError('businessDueAt: the calendar has no business time at all');
  let remaining = businessMs;
  // From the day before: with a large offset west, `start` can still be inside the previous local date's hours.
  let date = addDays(localDateAt(calendar.timezone, s), -1);
  while (wallMidnight(date) - EARLIEST_DAY_START <= s + HORIZON_MS) {
    for (const i of intervalsOn(calendar, date).intervals) {
      const from = Math.max(i.start, s);
      if (i.end <= from) continue;
      if (remaining <= i.end - from) return new Date(from + remaining);
      remaining -= i.end - from;
    }
    date = addDays(date, 1);
  }
  throw new BusinessTimeUnreachableError(
    `businessDueAt: ${businessMs} ms of business time are not reached within ${BUSINESS_TIME_HORIZON_YEARS} years`,
  );
}

/**
 * Business time between `from` and `to`, in milliseconds (0 when `to` is not after `from`). O(days spanned);
 * a span longer than ten years is refused with a RangeError.
 */
export function businessElapsedMs(calendar: BusinessCalendar, from: Date, to: Date): number {
  const f = instant(from, 'businessElapsedMs');
  const t = instant(to, 'businessElapsedMs');
  if (t <= f) return 0;
  if (t - f > HORIZON_MS)
    throw new RangeError(`businessElapsedMs: spans more than ${BUSINESS_TIME_HORIZON_YEARS} years`);
  let total = 0;
  let date = addDays(localDateAt(calendar.timezone, f), -1);
  // A local day starting after `to` has nothing left to count.
  while (wallMidnight(date) - EARLIEST_DAY_START < t) {
    for (const i of intervalsOn(calendar, date).intervals) {
      const overlap = Math.min(i.end, t) - Math.max(i.start, f);
      if (overlap > 0) total += overlap;
    }
    date = addDays(date, 1);
  }
  return total;
}
