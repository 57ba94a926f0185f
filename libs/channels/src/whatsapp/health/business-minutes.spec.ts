import { businessCalendarSchema } from '@switchboard/contracts';
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

  it('counts a whole week, across a daylight-saving change', () => {
    // Monday 09:00 to the next Monday 09:00 UTC: five days of nine hours.
    expect(businessMinutesBetween(hours, at('2030-01-07T09:00:00Z'), at('2030-01-14T09:00:00Z'), 10080)).toBe(
      2700,
    );
    // New York moves to daylight time on Sunday 2030-03-10: 09:00 is 14:00 UTC before, 13:00 UTC after.
    // Wednesday 6th to Wednesday 13th 15:00 UTC: five full days (Wed, Thu, Fri, Mon, Tue) and 13:00–15:00 UTC.
    const newYork = businessHoursSchema.parse({ timezone: 'America/New_York' });
    expect(
      businessMinutesBetween(newYork, at('2030-03-06T00:00:00Z'), at('2030-03-13T15:00:00Z'), 10080),
    ).toBe(5 * 540 + 120);
    // Every day: Saturday 14:00–23:00 UTC, then Sunday from 13:00 UTC (09:00 daylight time) to 13:30.
    const everyDay = businessHoursSchema.parse({ timezone: 'America/New_York', days: [0, 1, 2, 3, 4, 5, 6] });
    expect(
      businessMinutesBetween(everyDay, at('2030-03-09T12:00:00Z'), at('2030-03-10T13:30:00Z'), 10080),
    ).toBe(570);
  });

  it("counts by a department's calendar: holidays and lunch breaks count nothing", () => {
    const calendar = businessCalendarSchema.parse({
      timezone: 'America/Sao_Paulo',
      weekly: {
        tue: [
          { open: '08:00', close: '12:00' },
          { open: '13:00', close: '18:00' },
        ],
        wed: [
          { open: '08:00', close: '12:00' },
          { open: '13:00', close: '18:00' },
        ],
      },
      holidays: [{ date: '2026-04-21', name: 'Tiradentes' }],
    });
    // Tuesday 2026-04-21 (Tiradentes) 08:00 to Wednesday 13:30 São Paulo (UTC−3): Wednesday 08:00–12:00 and 13:00–13:30.
    expect(
      businessMinutesBetween(calendar, at('2026-04-21T11:00:00Z'), at('2026-04-22T16:30:00Z'), 10080),
    ).toBe(270);
  });
});
