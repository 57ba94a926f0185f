import type { AgentSchedule } from '@switchboard/contracts';

interface LocalTime {
  date: string;
  weekday: number;
  minutes: number;
}

const WEEKDAY: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock date, weekday and minute of `at` in `timezone` (Intl applies the zone's daylight-saving rules). */
function localTime(at: Date, timezone: string): LocalTime {
  let format = formats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
    formats.set(timezone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAY[parts.weekday],
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const within = (p: { start: string; end: string }, minutes: number) =>
  minutesOf(p.start) <= minutes && minutes < minutesOf(p.end);

/** True when `at` falls in a weekly period of the schedule, not on a day off and not in a break. */
export function isOnShift(schedule: AgentSchedule, at: Date): boolean {
  const now = localTime(at, schedule.timezone);
  if (schedule.daysOff.includes(now.date)) return false;
  if (schedule.breaks.some((b) => b.date === now.date && within(b, now.minutes))) return false;
  return schedule.weekly.some((p) => p.day === now.weekday && within(p, now.minutes));
}
