import { z } from 'zod';
import type { BusinessCalendar } from '../business-calendar.contract';

/**
 * Where a department's calendar comes from: its own (`PUT /api/departments/:id/calendar`), else its
 * `businessHours`, else its department plugin's `businessHours` setting, else Monday–Friday 09:00–18:00 UTC.
 */
export type DepartmentCalendarSource = 'calendar' | 'department' | 'plugin' | 'default';

/** GET/PUT /api/departments/:id/calendar. */
export interface DepartmentCalendarView {
  departmentId: string;
  calendar: BusinessCalendar;
  source: DepartmentCalendarSource;
  /** The department plugin whose hours apply, when `source` is `plugin`. */
  pluginId: string | null;
  /** When the department's own calendar was last set; null while it has none. */
  updatedAt: string | null;
}

/** POST /api/departments/:id/calendar/holidays/import: the public holidays of a country (and region) for some years. */
export const importHolidaysRequest = z.strictObject({
  /** ISO 3166-1 alpha-2, e.g. BR. */
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'a two-letter country code like BR')
    .transform((c) => c.toUpperCase()),
  years: z
    .array(z.number().int().min(1970, 'a year from 1970').max(2100, 'a year up to 2100'))
    .min(1, 'at least one year')
    .max(10, 'at most 10 years')
    .refine((ys) => new Set(ys).size === ys.length, { message: 'each year at most once' }),
  /** A state or region code of the country, e.g. SP: adds its public holidays. */
  region: z
    .string()
    .regex(/^[A-Za-z0-9]{1,10}$/, 'a region code like SP')
    .transform((r) => r.toUpperCase())
    .optional(),
});
export type ImportHolidaysRequest = z.infer<typeof importHolidaysRequest>;

/** The import's answer: the calendar after it, and the holidays it added (dates already there are skipped). */
export interface ImportHolidaysResult extends DepartmentCalendarView {
  imported: { date: string; name: string }[];
}
