import { UnprocessableEntityException } from '@nestjs/common';
import Holidays from 'date-holidays';

/** A public holiday on one date, named in the country's language. */
export interface PublicHoliday {
  date: string;
  name: string;
}

const unprocessable = (field: string, problem: string) =>
  new UnprocessableEntityException({
    statusCode: 422,
    error: 'Unprocessable Entity',
    message: `${field}: ${problem}`,
    problems: [{ field, problem }],
  });

/**
 * The public holidays (not bank holidays, observances or optional days) of a country, and of one of its regions
 * when given, for some years, from the `date-holidays` rules shipped with the package (no network). Each date once,
 * in date order; a holiday spanning several days gives each of its dates. Unknown country or region: 422 naming it.
 */
export function publicHolidays(country: string, years: readonly number[], region?: string): PublicHoliday[] {
  const catalogue = new Holidays();
  if (!Object.hasOwn(catalogue.getCountries() ?? {}, country))
    throw unprocessable('country', `no holiday rules for country "${country}" (ISO 3166-1 alpha-2, like BR)`);
  if (region !== undefined && !Object.hasOwn(catalogue.getStates(country) ?? {}, region))
    throw unprocessable('region', `no region "${region}" in ${country}`);
  const rules = region === undefined ? new Holidays(country) : new Holidays(country, region);
  const byDate = new Map<string, string>();
  for (const year of years)
    for (const h of rules.getHolidays(year)) {
      if (h.type !== 'public') continue;
      // `date` is the local date-time the holiday starts ("2026-04-21 00:00:00"); start/end are instants.
      for (const date of datesOf(h.date.slice(0, 10), h.start, h.end))
        if (!byDate.has(date)) byDate.set(date, h.name);
    }
  return [...byDate].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([date, name]) => ({ date, name }));
}

/** The local dates a holiday covers: from its first date, one per whole day between its start and end (at most 7). */
function datesOf(first: string, start: Date, end: Date): string[] {
  const days = Math.min(7, Math.max(1, Math.round((end.getTime() - start.getTime()) / 86_400_000)));
  const [y, m, d] = first.split('-').map(Number);
  return Array.from({ length: days }, (_, i) =>
    new Date(Date.UTC(y, m - 1, d + i)).toISOString().slice(0, 10),
  );
}
