import { businessHoursSchema, type BusinessHours } from '@switchboard/contracts';

// One definition, in the contracts: the department API validates with it, plugins' settings too.
export { businessHoursSchema };
export type { BusinessHours };

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

// Building a DateTimeFormat is far slower than using one, and hooks call this for every message.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      // h23, not hour12: false, which some ICU versions render as 24:00 at midnight.
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * Whether `at` falls inside the business hours, judged by the weekday and wall-clock time in `hours.timezone`
 * (so daylight-saving changes are followed). Opening time is inclusive, closing time exclusive.
 * Throws a RangeError for an invalid date or time zone rather than guessing an answer.
 */
export function isWithinBusinessHours(hours: BusinessHours, at: Date): boolean {
  if (Number.isNaN(at.getTime())) throw new RangeError('isWithinBusinessHours: invalid date');
  const { weekday, minutes } = localTime(hours.timezone, at);
  if (weekday === undefined || !hours.days.includes(weekday)) return false;
  return minutes >= minutesOf(hours.open) && minutes < minutesOf(hours.close);
}

/**
 * Local weekday and minute of the day. Offsets change only on whole minutes, so the answer is kept per time zone
 * and minute: a batch of messages (all from the same minute) costs one formatting instead of one each.
 */
const lastLocal = new Map<string, { minute: number; weekday: number | undefined; minutes: number }>();
function localTime(timeZone: string, at: Date): { weekday: number | undefined; minutes: number } {
  const minute = Math.floor(at.getTime() / 60_000);
  const cached = lastLocal.get(timeZone);
  if (cached?.minute === minute) return cached;
  const parts = formatterFor(timeZone).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const local = {
    minute,
    weekday: WEEKDAYS[part('weekday')],
    minutes: Number(part('hour')) * 60 + Number(part('minute')),
  };
  lastLocal.set(timeZone, local);
  return local;
}
