/**
 * Local time in an IANA zone, from Intl alone (no time-zone database of our own): the offset at an instant, the
 * local date of an instant, and the instant of a local wall time, with daylight-saving gaps and repeats resolved
 * deliberately (see `instantOfLocal`).
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** A local calendar date; `month` 1–12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

// Building a DateTimeFormat costs far more than using one: one per zone, for the life of the process.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      // h23, not hour12: false, which some ICU versions render as 24:00 at midnight.
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The local wall time at `t` written as if it were UTC (so `wallOf(t) - t` is the zone's offset). `format` and a
 * scan for its six numbers (month/day/year, hour:minute:second in en-US) costs a third of `formatToParts`.
 */
function wallOf(timeZone: string, t: number): number {
  const text = formatterFor(timeZone).format(new Date(t));
  const n = [0, 0, 0, 0, 0, 0];
  let k = -1;
  let inNumber = false;
  for (let i = 0; i < text.length && k < 6; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c >= 0 && c <= 9) {
      if (!inNumber) {
        k++;
        inNumber = true;
      }
      if (k < 6) n[k] = n[k] * 10 + c;
    } else inNumber = false;
  }
  const [month, day, year, hour, minute, second] = n;
  const ms = ((t % 1000) + 1000) % 1000;
  const wall = new Date(0);
  wall.setUTCFullYear(year, month - 1, day);
  wall.setUTCHours(hour, minute, second, ms);
  return wall.getTime();
}

/** The zone's offset from UTC at instant `t`, in milliseconds (east positive). */
export function offsetAt(timeZone: string, t: number): number {
  return wallOf(timeZone, t) - t;
}

/** The local date at instant `t`. */
export function localDateAt(timeZone: string, t: number): LocalDate {
  const wall = new Date(wallOf(timeZone, t));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

/** Midnight of a local date written as UTC: the date's "wall" origin. */
export function wallMidnight(date: LocalDate): number {
  const d = new Date(0);
  d.setUTCFullYear(date.year, date.month - 1, date.day);
  return d.getTime();
}

/** The local date `days` after `date` (pure calendar arithmetic, no zone involved). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(wallMidnight(date) + days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: LocalDate): number {
  return new Date(wallMidnight(date)).getUTCDay();
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** `YYYY-MM-DD`. */
export function isoDate(date: LocalDate): string {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/**
 * The offsets that can apply to wall times of one local day. Every zone's offset lies within ±14 h, so all
 * instants of the local day starting at `dayWall` fall in [dayWall − 14 h, dayWall + 38 h]; when the offset is the
 * same a day before and two days after its midnight, no transition happens in between (zones never switch twice
 * and back within three days), and every wall time of the day maps with that one offset: the fast path. The probes
 * sit on midnights, so a walk over consecutive days shares them (cached): about one formatter call a day.
 */
export function dayOffsets(timeZone: string, dayWall: number): { before: number; after: number } {
  return {
    before: midnightOffset(timeZone, dayWall - DAY_MS),
    after: midnightOffset(timeZone, dayWall + 2 * DAY_MS),
  };
}

const MIDNIGHT_CACHE_LIMIT = 8192;
const midnightOffsets = new Map<string, Map<number, number>>();
function midnightOffset(timeZone: string, t: number): number {
  let cache = midnightOffsets.get(timeZone);
  if (!cache) midnightOffsets.set(timeZone, (cache = new Map()));
  let offset = cache.get(t);
  if (offset === undefined) {
    // Bounded: a long-running process walking many years forgets and recomputes rather than grows.
    if (cache.size >= MIDNIGHT_CACHE_LIMIT) cache.clear();
    offset = offsetAt(timeZone, t);
    cache.set(t, offset);
  }
  return offset;
}

/**
 * The instant at which the local wall time `wall` (written as UTC) happens, given the offsets before and after a
 * possible transition nearby (from `dayOffsets`). The choice for the two daylight-saving cases:
 * - a wall time that happens twice (clocks go back: the repeated hour) means its FIRST occurrence, for an opening
 *   and a closing alike: a 09:00–01:30 style day is never longer than the wall clock shows the first time;
 * - a wall time that never happens (clocks go forward: the skipped hour) means the moment the clocks jump, the
 *   first instant after the gap: a period 02:00–03:00 on that night is empty, 02:30–05:00 starts at 03:00.
 * Both keep the mapping monotonic, so ordered periods stay ordered and non-overlapping as instants.
 */
export function instantOfLocal(
  timeZone: string,
  wall: number,
  offsets: { before: number; after: number },
): number {
  if (offsets.before === offsets.after) return wall - offsets.before;
  const candidates = [wall - offsets.before, wall - offsets.after].sort((a, b) => a - b);
  for (const c of candidates) if (offsetAt(timeZone, c) === wall - c) return c;
  // In the gap: find the transition between the two candidates (the earlier one still has the old offset).
  let lo = candidates[0];
  let hi = candidates[1];
  const old = offsetAt(timeZone, lo);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(timeZone, mid) === old) lo = mid;
    else hi = mid;
  }
  return hi;
}
