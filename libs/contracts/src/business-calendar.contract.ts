/**
 * A department's business calendar: time zone, weekly hours with several periods a day, holidays (dated or
 * yearly) and exceptions (other hours on a date). The schema and the business-time math (isOpenAt,
 * businessDueAt, businessElapsedMs) live in business-time/; every caller (SLA clocks, routing's time condition,
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

export { businessCalendarSchema } from './business-time/calendar-schema';
export { calendarFromBusinessHours } from './business-time/calendar-from-hours';
export {
  BUSINESS_TIME_HORIZON_YEARS,
  businessDueAt,
  businessElapsedMs,
  BusinessTimeUnreachableError,
  isOpenAt,
} from './business-time/business-time';
export * from './business-time/department-calendar.contract';
