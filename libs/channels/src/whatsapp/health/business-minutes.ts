import { BusinessHours, isWithinBusinessHours } from '@switchboard/plugin-sdk';

const MINUTE = 60_000;
/** How far back a count looks at most: an alarm of a week of business hours fits with any sensible calendar. */
const LOOKBACK_MS = 62 * 24 * 60 * MINUTE;

/**
 * Business-hours minutes between `from` and `to`, counted backwards from `to` minute by minute and stopping once
 * `enough` are found: a silence alarm only needs to know whether its threshold was reached.
 */
export function businessMinutesBetween(hours: BusinessHours, from: Date, to: Date, enough: number): number {
  const start = Math.max(from.getTime(), to.getTime() - LOOKBACK_MS);
  let count = 0;
  for (let t = to.getTime() - MINUTE; t >= start && count < enough; t -= MINUTE)
    if (isWithinBusinessHours(hours, new Date(t))) count++;
  return count;
}
