import {
  BusinessCalendar,
  businessElapsedMs,
  calendarFromBusinessHours,
  BusinessHours,
} from '@switchboard/contracts';

const MINUTE = 60_000;
/** How far back a count looks at most: an alarm of a week of business hours fits with any sensible calendar. */
const LOOKBACK_MS = 62 * 24 * 60 * MINUTE;

/**
 * Business minutes between `from` and `to` (at most `enough`: a silence alarm only needs to know whether its
 * threshold was reached), by the one calendar math of the contracts (holidays, split hours and daylight-saving
 * changes included). Looks back at most 62 days.
 */
export function businessMinutesBetween(
  hours: BusinessHours | BusinessCalendar,
  from: Date,
  to: Date,
  enough: number,
): number {
  const calendar = 'weekly' in hours ? hours : calendarFromBusinessHours(hours);
  const start = new Date(Math.max(from.getTime(), to.getTime() - LOOKBACK_MS));
  return Math.min(Math.floor(businessElapsedMs(calendar, start, to) / MINUTE), enough);
}
