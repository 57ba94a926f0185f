import { z } from 'zod';
import type { BusinessCalendar, BusinessPeriod } from '../business-calendar.contract';
import { isTimeZone } from '../business-hours.contract';

/** 24-hour `HH:MM`; a closing time may also be 24:00 (open until midnight). */
const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const CLOSE = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A real calendar date: 2026-02-30 is refused, 2028-02-29 accepted. */
function isRealDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const date = z.string().refine(isRealDate, { message: 'a real date written YYYY-MM-DD, like 2026-04-21' });
const name = z.string().trim().min(1, 'a name is required').max(200);

const period = z
  .strictObject({
    open: z.string().regex(TIME, 'a 24-hour time like 09:00'),
    close: z.string().regex(CLOSE, 'a 24-hour time like 18:00 (or 24:00 for midnight)'),
  })
  .superRefine((p, ctx) => {
    if (!TIME.test(p.open) || !CLOSE.test(p.close)) return;
    if (minutesOf(p.close) <= minutesOf(p.open))
      ctx.addIssue({
        code: 'custom',
        path: ['close'],
        message: `close (${p.close}) must be after open (${p.open}); periods past midnight are split in two (…–24:00, 00:00–…)`,
      });
  });

/** One day's periods: ordered and non-overlapping, so each overlap is named where it is. */
const periods = z
  .array(period)
  .max(12, 'at most 12 periods a day')
  .superRefine((list: BusinessPeriod[], ctx) => {
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1];
      const cur = list[i];
      if (!TIME.test(cur.open) || !CLOSE.test(prev.close) || !TIME.test(prev.open)) continue;
      if (minutesOf(cur.open) < minutesOf(prev.close) && minutesOf(prev.open) < minutesOf(cur.close))
        ctx.addIssue({ code: 'custom', path: [i], message: `overlaps ${prev.open}–${prev.close}` });
      else if (minutesOf(cur.open) < minutesOf(prev.open))
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: `must come after ${prev.open}–${prev.close} (periods in order of the day)`,
        });
    }
  });

const nineToSix = (): BusinessPeriod[] => [{ open: '09:00', close: '18:00' }];

/** Days left out are closed; the whole `weekly` left out is Monday to Friday, 09:00–18:00. */
const weekly = z
  .strictObject({
    mon: periods.default([]),
    tue: periods.default([]),
    wed: periods.default([]),
    thu: periods.default([]),
    fri: periods.default([]),
    sat: periods.default([]),
    sun: periods.default([]),
  })
  .default(() => ({
    mon: nineToSix(),
    tue: nineToSix(),
    wed: nineToSix(),
    thu: nineToSix(),
    fri: nineToSix(),
    sat: [],
    sun: [],
  }));

const holiday = z.strictObject({ date, name, yearly: z.boolean().default(false) });
const exception = z.strictObject({ date, name, periods });

/**
 * A business calendar, each bad field named by its path (`weekly.mon.1: overlaps 09:00–12:00`,
 * `exceptions.0.date: …`). Every part has a default: `{}` is Monday–Friday 09:00–18:00 UTC without holidays.
 */
export const calendarSchema = z
  .strictObject({
    timezone: z
      .string()
      .refine(isTimeZone, { message: 'an IANA time zone like America/Sao_Paulo or UTC' })
      .default('UTC'),
    weekly,
    holidays: z.array(holiday).max(2000, 'at most 2000 holidays').default([]),
    exceptions: z.array(exception).max(2000, 'at most 2000 exceptions').default([]),
  })
  .superRefine((c, ctx) => {
    const seen = new Map<string, number>();
    c.exceptions.forEach((e, i) => {
      const first = seen.get(e.date);
      if (first !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['exceptions', i, 'date'],
          message: `exceptions.${first} already sets ${e.date}`,
        });
      else seen.set(e.date, i);
    });
  });

/** The same schema, typed as the calendar it produces from any input. */
export const businessCalendarSchema: z.ZodType<BusinessCalendar> = calendarSchema;
