import { businessHoursSchema } from '@switchboard/plugin-sdk';
import { describe, expect, it } from 'vitest';
import { businessMinutesBetween } from './business-minutes';

// The default calendar: Monday to Friday, 09:00–18:00 UTC. 2030-01-11 is a Friday.
const hours = businessHoursSchema.parse({});
const at = (iso: string) => new Date(iso);

describe('businessMinutesBetween', () => {
  it('counts only the minutes inside business hours', () => {
    // Friday 17:50 → Monday 09:21: 10 minutes on Friday, 21 on Monday; the night and the weekend count nothing.
    expect(businessMinutesBetween(hours, at('2030-01-11T17:50:00Z'), at('2030-01-14T09:21:00Z'), 1000)).toBe(
      31,
    );
    expect(businessMinutesBetween(hours, at('2030-01-11T18:00:00Z'), at('2030-01-14T08:59:00Z'), 1000)).toBe(
      0,
    );
  });

  it('stops once enough minutes are found', () => {
    expect(businessMinutesBetween(hours, at('2030-01-07T09:00:00Z'), at('2030-01-11T18:00:00Z'), 30)).toBe(
      30,
    );
  });

  it('follows the calendar time zone', () => {
    const saoPaulo = businessHoursSchema.parse({ timezone: 'America/Sao_Paulo' });
    // 09:00–10:00 in São Paulo (UTC-3) is 12:00–13:00 UTC.
    expect(
      businessMinutesBetween(saoPaulo, at('2030-01-07T11:00:00Z'), at('2030-01-07T13:00:00Z'), 1000),
    ).toBe(60);
  });
});
