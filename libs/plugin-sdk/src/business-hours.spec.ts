import { describe, expect, it } from 'vitest';
import { BusinessHours, businessHoursSchema, isWithinBusinessHours } from './business-hours';

const hours = (input: Partial<BusinessHours>): BusinessHours => businessHoursSchema.parse(input);
const at = (iso: string) => new Date(iso);
const messages = (input: unknown) => {
  const result = businessHoursSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('businessHoursSchema', () => {
  it('defaults every field: Monday to Friday, 09:00–18:00 UTC', () => {
    expect(businessHoursSchema.parse({})).toEqual({
      timezone: 'UTC',
      days: [1, 2, 3, 4, 5],
      open: '09:00',
      close: '18:00',
    });
  });

  it('accepts IANA time zones and rejects unknown ones', () => {
    expect(messages({ timezone: 'America/Sao_Paulo' })).toEqual([]);
    expect(messages({ timezone: 'Asia/Tokyo' })).toEqual([]);
    expect(messages({ timezone: 'Mars/Olympus_Mons' })).toEqual([
      'timezone: an IANA time zone like America/Sao_Paulo or UTC',
    ]);
    expect(messages({ timezone: '' })).toHaveLength(1);
  });

  it('requires close after open, naming both', () => {
    expect(messages({ open: '18:00', close: '09:00' })).toEqual([
      'close: close (09:00) must be after open (18:00); openings past midnight are not supported',
    ]);
    expect(messages({ open: '09:00', close: '09:00' })).toHaveLength(1);
    // The default close (18:00) applies when only open is given.
    expect(messages({ open: '19:00' })).toEqual([
      'close: close (18:00) must be after open (19:00); openings past midnight are not supported',
    ]);
  });

  it('rejects malformed times and weekdays with one issue each', () => {
    expect(messages({ open: '9:00' })).toEqual(['open: a 24-hour time like 09:00']);
    expect(messages({ open: '24:00' })).toEqual(['open: a 24-hour time like 09:00']);
    expect(messages({ close: '18:60' })).toEqual([
      'close: a 24-hour time like 09:00 (or 24:00 for midnight)',
    ]);
    expect(messages({ days: [1, 7] })).toEqual(['days.1: a weekday from 0 (Sunday) to 6 (Saturday)']);
    expect(messages({ days: [1.5] })).toHaveLength(1);
    expect(messages({ days: [1, 1] })).toEqual(['days: each weekday at most once']);
  });
});

describe('isWithinBusinessHours', () => {
  it('uses the wall-clock time of the time zone (America/Sao_Paulo, UTC−3)', () => {
    const sp = hours({ timezone: 'America/Sao_Paulo' });
    // Monday 3 June 2024.
    expect(isWithinBusinessHours(sp, at('2024-06-03T11:59:00Z'))).toBe(false); // 08:59 local
    expect(isWithinBusinessHours(sp, at('2024-06-03T12:00:00Z'))).toBe(true); // 09:00 local
    expect(isWithinBusinessHours(sp, at('2024-06-03T20:59:59Z'))).toBe(true); // 17:59:59 local
    expect(isWithinBusinessHours(sp, at('2024-06-03T21:00:00Z'))).toBe(false); // 18:00 local
  });

  it('uses the weekday of the time zone, not of UTC (Asia/Tokyo, UTC+9)', () => {
    const tokyo = hours({ timezone: 'Asia/Tokyo' });
    // Sunday 23:30 UTC is Monday 08:30 in Tokyo; 00:00 UTC is Monday 09:00.
    expect(isWithinBusinessHours(tokyo, at('2024-06-02T23:30:00Z'))).toBe(false);
    expect(isWithinBusinessHours(tokyo, at('2024-06-03T00:00:00Z'))).toBe(true);
    // Friday 15:30 UTC is already Saturday 00:30 in Tokyo.
    expect(isWithinBusinessHours(tokyo, at('2024-06-07T08:00:00Z'))).toBe(true); // Friday 17:00
    expect(isWithinBusinessHours(tokyo, at('2024-06-07T15:30:00Z'))).toBe(false);
  });

  it('follows daylight saving time (America/New_York)', () => {
    const ny = hours({ timezone: 'America/New_York' });
    // 13:00 UTC is 08:00 on Friday 8 March (EST) and 09:00 on Monday 11 March (EDT).
    expect(isWithinBusinessHours(ny, at('2024-03-08T13:00:00Z'))).toBe(false);
    expect(isWithinBusinessHours(ny, at('2024-03-11T13:00:00Z'))).toBe(true);
  });

  it('is closed on days not listed (weekends by default)', () => {
    const utc = hours({});
    expect(isWithinBusinessHours(utc, at('2024-06-08T12:00:00Z'))).toBe(false); // Saturday
    expect(isWithinBusinessHours(utc, at('2024-06-09T12:00:00Z'))).toBe(false); // Sunday
    expect(isWithinBusinessHours(utc, at('2024-06-07T12:00:00Z'))).toBe(true); // Friday
    const withSaturday = hours({ days: [1, 2, 3, 4, 5, 6] });
    expect(isWithinBusinessHours(withSaturday, at('2024-06-08T12:00:00Z'))).toBe(true);
    expect(isWithinBusinessHours(hours({ days: [] }), at('2024-06-07T12:00:00Z'))).toBe(false);
  });

  it('treats open as inclusive and close as exclusive, with 24:00 meaning until midnight', () => {
    const day = hours({ open: '00:00', close: '24:00', days: [0, 1, 2, 3, 4, 5, 6] });
    expect(isWithinBusinessHours(day, at('2024-06-03T00:00:00Z'))).toBe(true);
    expect(isWithinBusinessHours(day, at('2024-06-03T23:59:59Z'))).toBe(true);
    const utc = hours({});
    expect(isWithinBusinessHours(utc, at('2024-06-03T08:59:59Z'))).toBe(false);
    expect(isWithinBusinessHours(utc, at('2024-06-03T09:00:00Z'))).toBe(true);
    expect(isWithinBusinessHours(utc, at('2024-06-03T17:59:00Z'))).toBe(true);
    expect(isWithinBusinessHours(utc, at('2024-06-03T18:00:00Z'))).toBe(false);
  });

  it('refuses an invalid date instead of guessing', () => {
    expect(() => isWithinBusinessHours(hours({}), new Date('not a date'))).toThrow(RangeError);
  });
});
