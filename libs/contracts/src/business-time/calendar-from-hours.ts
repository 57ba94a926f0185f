import type { BusinessCalendar, BusinessPeriod, WeekdayKey } from '../business-calendar.contract';
import type { BusinessHours } from '../business-hours.contract';

const BY_WEEKDAY: WeekdayKey[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

// Plugins check their hours on every message: the same hours object converts once.
const converted = new WeakMap<BusinessHours, BusinessCalendar>();

/**
 * The calendar equivalent of simple business hours (one daily opening on some weekdays, no holidays): how a
 * department's `businessHours`, a department plugin's setting and the default become calendars.
 */
export function calendarFromBusinessHours(hours: BusinessHours): BusinessCalendar {
  let calendar = converted.get(hours);
  if (!calendar) {
    const weekly = {} as Record<WeekdayKey, BusinessPeriod[]>;
    BY_WEEKDAY.forEach((key, day) => {
      weekly[key] = hours.days.includes(day) ? [{ open: hours.open, close: hours.close }] : [];
    });
    calendar = { timezone: hours.timezone, weekly, holidays: [], exceptions: [] };
    converted.set(hours, calendar);
  }
  return calendar;
}
