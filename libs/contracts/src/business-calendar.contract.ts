import { z } from 'zod';

/**
 * A department's business calendar: time zone, weekly hours with several periods a day, holidays (dated or
 * yearly) and exceptions (other hours on a date). The schema and the business-time math (isOpenAt,
 * businessDueAt, businessElapsedMs) are built in issue 13; every caller (SLA clocks, routing's time condition,
 * the silence alarm, plugins' isWithinBusinessHours) uses these functions.
 */
export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number];

/** `open` inclusive, `close` exclusive, 24-hour `HH:MM` local times; `close` may be `24:00`. */
export interface BusinessPeriod {
  open: string;
  close: string;
}

export interface BusinessCalendar {
  /** IANA time zone, e.g. America/Sao_Paulo. */
  timezone: string;
  /** Periods per weekday (local time), ordered and non-overlapping; none: closed that day. */
  weekly: Record<WeekdayKey, BusinessPeriod[]>;
  /** Closed all day; `yearly` repeats on the same month and day every year. */
  holidays: { date: string; name: string; yearly: boolean }[];
  /** Other hours on one date (replacing the weekly ones); no periods: closed that day. */
  exceptions: { date: string; name: string; periods: BusinessPeriod[] }[];
}

/** Validates a calendar (unknown time zone, bad times, overlapping periods…), naming the field. */
export const businessCalendarSchema: z.ZodType<BusinessCalendar> = z.custom<BusinessCalendar>(() => {
  throw new Error('businessCalendarSchema is not built yet (issue 13)');
});

/** Whether `at` is inside the calendar's business time. */
export function isOpenAt(calendar: BusinessCalendar, at: Date): boolean {
  void calendar;
  void at;
  throw new Error('isOpenAt is not built yet (issue 13)');
}

/** The instant when `businessMs` of business time have passed since `start` (start itself may be outside hours). */
export function businessDueAt(calendar: BusinessCalendar, start: Date, businessMs: number): Date {
  void calendar;
  void start;
  void businessMs;
  throw new Error('businessDueAt is not built yet (issue 13)');
}

/** Business time between `from` and `to`, in milliseconds (0 when `to` is not after `from`). */
export function businessElapsedMs(calendar: BusinessCalendar, from: Date, to: Date): number {
  void calendar;
  void from;
  void to;
  throw new Error('businessElapsedMs is not built yet (issue 13)');
}
