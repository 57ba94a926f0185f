import type { BusinessCalendar, BusinessPeriod, WeekdayKey } from '../business-calendar.contract';
import {
  dayOffsets,
  instantOfLocal,
  isoDate,
  type LocalDate,
  MINUTE_MS,
  wallMidnight,
  weekdayOf,
} from './zone-clock';

/** A stretch of business time as instants: `start` inclusive, `end` exclusive. */
export interface Interval {
  start: number;
  end: number;
}

/** Periods as minutes into the local day (close may be 1440: midnight at the end of the day). */
type Minutes = [open: number, close: number][];

interface CalendarIndex {
  weekly: Minutes[];
  exceptions: Map<string, Minutes>;
  holidays: Set<string>;
  /** `MM-DD` of the yearly holidays. */
  yearly: Set<string>;
  /** Whether any day can be open at all (else no due date can ever be reached). */
  everOpen: boolean;
}

const BY_WEEKDAY: WeekdayKey[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const toMinutes = (periods: readonly BusinessPeriod[]): Minutes =>
  periods
    .map((p): [number, number] => [minutesOf(p.open), minutesOf(p.close)])
    .filter(([open, close]) => close > open);

// Calendars are values read once per call site; their lookups are built once per calendar object.
const indexes = new WeakMap<BusinessCalendar, CalendarIndex>();
function indexOf(calendar: BusinessCalendar): CalendarIndex {
  let index = indexes.get(calendar);
  if (!index) {
    const weekly = BY_WEEKDAY.map((key) => toMinutes(calendar.weekly[key] ?? []));
    const exceptions = new Map(calendar.exceptions.map((e) => [e.date, toMinutes(e.periods)]));
    index = {
      weekly,
      exceptions,
      holidays: new Set(calendar.holidays.filter((h) => !h.yearly).map((h) => h.date)),
      yearly: new Set(calendar.holidays.filter((h) => h.yearly).map((h) => h.date.slice(5))),
      everOpen: weekly.some((m) => m.length > 0) || [...exceptions.values()].some((m) => m.length > 0),
    };
    indexes.set(calendar, index);
  }
  return index;
}

/** Whether the calendar has any business time at all. */
export function everOpen(calendar: BusinessCalendar): boolean {
  return indexOf(calendar).everOpen;
}

/**
 * The periods of one local date: an exception's (it replaces the weekly hours, and stands over a holiday on the
 * same date: it is the more specific statement), else none on a holiday, else the weekday's.
 */
function periodsOn(index: CalendarIndex, date: LocalDate): Minutes {
  const iso = isoDate(date);
  const exception = index.exceptions.get(iso);
  if (exception) return exception;
  if (index.holidays.has(iso) || index.yearly.has(iso.slice(5))) return [];
  return index.weekly[weekdayOf(date)];
}

/**
 * The business time of one local date as instants, ordered and non-overlapping (empty periods, e.g. wholly inside
 * a daylight-saving gap, left out). `exact` is false when a zone transition falls near this day.
 */
export function intervalsOn(
  calendar: BusinessCalendar,
  date: LocalDate,
): { intervals: Interval[]; exact: boolean } {
  const periods = periodsOn(indexOf(calendar), date);
  if (!periods.length) return { intervals: [], exact: true };
  const dayWall = wallMidnight(date);
  const offsets = dayOffsets(calendar.timezone, dayWall);
  const intervals: Interval[] = [];
  for (const [open, close] of periods) {
    const start = instantOfLocal(calendar.timezone, dayWall + open * MINUTE_MS, offsets);
    const end = instantOfLocal(calendar.timezone, dayWall + close * MINUTE_MS, offsets);
    if (end > start) intervals.push({ start, end });
  }
  return { intervals, exact: offsets.before === offsets.after };
}
