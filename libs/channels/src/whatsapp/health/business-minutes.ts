import { BusinessHours } from '@switchboard/plugin-sdk';

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;
/** How far back a count looks at most: an alarm of a week of business hours fits with any sensible calendar. */
const LOOKBACK_MS = 62 * 24 * 60 * MINUTE;
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock weekday, milliseconds into the local day, and the zone's offset at `t`. */
function local(timeZone: string, t: number): { weekday: number; dayMs: number; offsetMs: number } {
  const parts = formatterFor(timeZone).formatToParts(new Date(t));
  const n = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const ms = ((t % 1000) + 1000) % 1000;
  const dayMs = ((n('hour') * 60 + n('minute')) * 60 + n('second')) * 1000 + ms;
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'), ms);
  const weekday = WEEKDAYS[parts.find((p) => p.type === 'weekday')?.value ?? ''] ?? -1;
  return { weekday, dayMs, offsetMs: wall - t };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Business-hours minutes between `from` and `to` (at most `enough`: a silence alarm only needs to know whether its
 * threshold was reached). Counted in blocks: from one local boundary (opening, closing, midnight) to the next the
 * answer cannot change, so a week costs a few dozen steps instead of ten thousand minutes. A block in which the
 * zone's offset changes (a daylight-saving switch) is walked one local minute at a time instead.
 */
export function businessMinutesBetween(hours: BusinessHours, from: Date, to: Date, enough: number): number {
  const end = to.getTime();
  const open = minutesOf(hours.open) * MINUTE;
  const close = minutesOf(hours.close) * MINUTE;
  const boundaries = [open, close, DAY_MINUTES * MINUTE];
  let t = Math.max(from.getTime(), end - LOOKBACK_MS);
  let counted = 0;
  while (t < end && counted < enough * MINUTE) {
    const here = local(hours.timezone, t);
    const next = Math.min(...boundaries.filter((b) => b > here.dayMs));
    let step = next - here.dayMs;
    if (local(hours.timezone, t + step).offsetMs !== here.offsetMs) step = MINUTE - (here.dayMs % MINUTE);
    const inside = hours.days.includes(here.weekday) && here.dayMs >= open && here.dayMs < close;
    const until = Math.min(t + step, end);
    if (inside) counted += until - t;
    t = until;
  }
  return Math.min(Math.floor(counted / MINUTE), enough);
}
