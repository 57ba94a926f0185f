import { z } from 'zod';

/** 24-hour `HH:MM`. */
const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const TIME_MESSAGE = 'a 24-hour time like 09:00';
/** A closing time may also be 24:00: open until midnight. */
const CLOSE = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;

// Zones already proven valid, by lower-cased name. Building a DateTimeFormat per check cost the SLA clocks, which
// parse each department's calendar per batch, more than their calculation. Intl takes a zone in any letter case, so
// keys are folded: only valid zones are kept, a few hundred names, and no input can grow it past them.
const knownZones = new Set<string>();
const ASCII = /^[\x20-\x7e]*$/;

/** Intl throws a RangeError for a time zone it does not know: the same check the calculation depends on. */
export function isTimeZone(value: string): boolean {
  // Folded only when ASCII: some other characters fold into ASCII letters (the Kelvin sign into k) that Intl refuses.
  const key = ASCII.test(value) ? value.toLowerCase() : null;
  if (key !== null && knownZones.has(key)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
  } catch {
    return false;
  }
  if (key !== null) knownZones.add(key);
  return true;
}

const WEEKDAY_MESSAGE = 'a weekday from 0 (Sunday) to 6 (Saturday)';

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When a department answers: weekdays and one daily opening, in an IANA time zone. Every field has a
 * default (Monday to Friday, 09:00–18:00 UTC), so `businessHoursSchema.parse({})` is a valid calendar.
 */
export const businessHoursSchema = z
  .object({
    /** An IANA time zone such as America/Sao_Paulo. */
    timezone: z
      .string()
      .refine(isTimeZone, { message: 'an IANA time zone like America/Sao_Paulo or UTC' })
      .default('UTC'),
    /** Open weekdays, 0 = Sunday … 6 = Saturday; none means always closed. */
    days: z
      .array(z.number().int().min(0, WEEKDAY_MESSAGE).max(6, WEEKDAY_MESSAGE))
      .refine((days) => new Set(days).size === days.length, { message: 'each weekday at most once' })
      .default([1, 2, 3, 4, 5]),
    /** Opening time, inclusive. */
    open: z.string().regex(TIME, TIME_MESSAGE).default('09:00'),
    /** Closing time, exclusive; `24:00` means open until midnight. */
    close: z.string().regex(CLOSE, `${TIME_MESSAGE} (or 24:00 for midnight)`).default('18:00'),
  })
  .superRefine((hours, ctx) => {
    // Only compare well-formed times: a malformed one already has its own issue.
    if (!TIME.test(hours.open) || !CLOSE.test(hours.close)) return;
    if (minutesOf(hours.close) <= minutesOf(hours.open))
      ctx.addIssue({
        code: 'custom',
        path: ['close'],
        message: `close (${hours.close}) must be after open (${hours.open}); openings past midnight are not supported`,
      });
  });

export type BusinessHours = z.output<typeof businessHoursSchema>;
