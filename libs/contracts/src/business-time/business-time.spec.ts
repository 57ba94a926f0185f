import { describe, expect, it } from 'vitest';
import {
  type BusinessCalendar,
  businessCalendarSchema,
  businessDueAt,
  businessElapsedMs,
  BusinessTimeUnreachableError,
  isOpenAt,
} from '../business-calendar.contract';

const MIN = 60_000;
const H = 60 * MIN;
const cal = (input: unknown): BusinessCalendar => businessCalendarSchema.parse(input);
const everyDay = (periods: { open: string; close: string }[]) =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, periods]));
const weekdays = (periods: { open: string; close: string }[]) =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, periods]));

// Every expected value below was worked out by hand from the zone's published offsets (comments show the local
// times); none is produced by the code under test.
const C = {
  /** Monday–Friday 09:00–18:00 UTC: the default. */
  utc: cal({}),
  /** São Paulo (UTC−3, no daylight time since 2019): split hours, Saturday mornings, holidays and exceptions. */
  sp: cal({
    timezone: 'America/Sao_Paulo',
    weekly: {
      ...weekdays([
        { open: '08:00', close: '12:00' },
        { open: '13:00', close: '18:00' },
      ]),
      sat: [{ open: '09:00', close: '13:00' }],
    },
    holidays: [
      { date: '2026-04-21', name: 'Tiradentes' },
      { date: '2000-12-25', name: 'Natal', yearly: true },
      { date: '2000-01-01', name: 'Confraternização', yearly: true },
    ],
    exceptions: [
      { date: '2026-12-24', name: 'Véspera de Natal', periods: [{ open: '09:00', close: '12:00' }] },
      // Stands over the yearly holiday on the same date.
      { date: '2027-01-01', name: 'Plantão', periods: [{ open: '10:00', close: '12:00' }] },
    ],
  }),
  nyOffice: cal({ timezone: 'America/New_York', weekly: weekdays([{ open: '09:00', close: '17:00' }]) }),
  /** Nights across both New York changes: 2026-03-08 02:00 EST→03:00 EDT, 2026-11-01 02:00 EDT→01:00 EST. */
  nyNights: cal({ timezone: 'America/New_York', weekly: everyDay([{ open: '00:00', close: '04:00' }]) }),
  /** A period starting inside the skipped hour. */
  nyGap: cal({ timezone: 'America/New_York', weekly: { sun: [{ open: '02:30', close: '05:00' }] } }),
  /** A period wholly inside the repeated hour. */
  nyRepeat: cal({ timezone: 'America/New_York', weekly: { sun: [{ open: '01:00', close: '01:30' }] } }),
  /** Berlin: 2026-03-29 02:00 CET→03:00 CEST (01:00Z), 2026-10-25 03:00 CEST→02:00 CET (01:00Z). */
  berlinNights: cal({ timezone: 'Europe/Berlin', weekly: everyDay([{ open: '01:00', close: '04:00' }]) }),
  berlinOffice: cal({ timezone: 'Europe/Berlin', weekly: weekdays([{ open: '09:00', close: '17:00' }]) }),
  /** São Paulo 2018–19, changes at midnight: 2018-11-04 00:00→01:00 (03:00Z), 2019-02-17 00:00→02-16 23:00 (02:00Z). */
  spSunday: cal({ timezone: 'America/Sao_Paulo', weekly: { sun: [{ open: '00:00', close: '24:00' }] } }),
  spSaturday: cal({ timezone: 'America/Sao_Paulo', weekly: { sat: [{ open: '00:00', close: '24:00' }] } }),
  /** Sydney (southern hemisphere): 2026-04-05 03:00 AEDT→02:00 AEST (16:00Z), 2026-10-04 02:00 AEST→03:00 AEDT (16:00Z). */
  sydneyNights: cal({ timezone: 'Australia/Sydney', weekly: everyDay([{ open: '01:00', close: '04:00' }]) }),
  sydneyOffice: cal({ timezone: 'Australia/Sydney', weekly: weekdays([{ open: '09:00', close: '17:00' }]) }),
  tokyo: cal({ timezone: 'Asia/Tokyo' }),
  closed: cal({ weekly: {} }),
} satisfies Record<string, BusinessCalendar>;
type Name = keyof typeof C;

const openRows: [Name, string, boolean, string][] = [
  ['sp', '2026-04-20T11:00:00Z', true, 'Monday 08:00 local: opening is inclusive'],
  ['sp', '2026-04-20T10:59:59Z', false, 'Monday 07:59:59'],
  ['sp', '2026-04-20T15:30:00Z', false, 'Monday 12:30: lunch between the split periods'],
  ['sp', '2026-04-20T16:00:00Z', true, 'Monday 13:00: second period'],
  ['sp', '2026-04-20T21:00:00Z', false, 'Monday 18:00: closing is exclusive'],
  ['sp', '2026-04-21T14:00:00Z', false, 'Tuesday 11:00 on Tiradentes (dated holiday)'],
  ['sp', '2026-12-25T14:00:00Z', false, 'Friday 11:00 on Christmas (yearly holiday, given for 2000)'],
  ['sp', '2026-12-24T14:00:00Z', true, 'Thursday 11:00, exception 09:00–12:00'],
  ['sp', '2026-12-24T16:00:00Z', false, 'Thursday 13:00: the exception replaces the weekly hours'],
  ['sp', '2027-01-01T13:30:00Z', true, 'Friday 10:30: exception over the yearly New Year holiday'],
  ['sp', '2026-04-18T15:00:00Z', true, 'Saturday 12:00'],
  ['sp', '2026-04-18T16:00:00Z', false, 'Saturday 13:00'],
  ['sp', '2026-04-19T15:00:00Z', false, 'Sunday'],
  ['utc', '2026-01-03T12:00:00Z', false, 'Saturday noon UTC'],
  ['tokyo', '2026-01-04T23:30:00Z', false, 'Monday 08:30 in Tokyo (still Sunday in UTC)'],
  ['tokyo', '2026-01-05T00:00:00Z', true, 'Monday 09:00 in Tokyo'],
  ['nyOffice', '2026-03-06T14:00:00Z', true, 'Friday 09:00 EST'],
  ['nyOffice', '2026-03-09T13:00:00Z', true, 'Monday 09:00 EDT'],
  ['nyOffice', '2026-03-09T12:59:00Z', false, 'Monday 08:59 EDT'],
  ['nyNights', '2026-03-08T07:30:00Z', true, '03:30 EDT, just after the skipped hour'],
  ['nyNights', '2026-11-01T06:30:00Z', true, '01:30 EST, the repeated hour inside 00:00–04:00'],
  ['nyGap', '2026-03-08T06:59:00Z', false, '01:59 EST: before 02:30 (which never happens)'],
  ['nyGap', '2026-03-08T07:00:00Z', true, '03:00 EDT: the period opens when the clocks jump'],
  ['nyRepeat', '2026-11-01T05:15:00Z', true, '01:15 EDT, first pass'],
  ['nyRepeat', '2026-11-01T06:15:00Z', false, '01:15 EST, the repeat: a period means the first pass'],
  ['berlinNights', '2026-10-25T01:30:00Z', true, '02:30 CET, the repeated hour'],
  ['spSunday', '2018-11-04T02:59:00Z', false, 'Saturday 23:59 (−03)'],
  ['spSunday', '2018-11-04T03:00:00Z', true, 'Sunday 01:00 (−02): the day starts at 01:00'],
  ['spSaturday', '2019-02-17T02:30:00Z', true, 'Saturday 23:30 (−03), second pass of the last hour'],
  ['sydneyOffice', '2026-04-06T23:00:00Z', true, 'Tuesday 09:00 AEST'],
  ['sydneyOffice', '2026-04-06T22:59:00Z', false, 'Tuesday 08:59 AEST'],
  ['closed', '2026-01-05T12:00:00Z', false, 'no hours at all'],
];

const elapsedRows: [Name, string, string, number, string][] = [
  ['sp', '2026-04-20T11:00:00Z', '2026-04-20T21:00:00Z', 9 * H, 'Monday 08:00–18:00 minus lunch'],
  [
    'sp',
    '2026-04-17T20:00:00Z',
    '2026-04-22T12:00:00Z',
    15 * H,
    'Fri 17:00 → Wed 09:00: Fri 1 h, Sat 4 h, Mon 9 h, Tiradentes 0, Wed 1 h',
  ],
  [
    'sp',
    '2026-12-24T11:00:00Z',
    '2026-12-28T11:00:00Z',
    7 * H,
    'Thu 08:00 → Mon 08:00: exception 3 h, Christmas 0, Sat 4 h',
  ],
  ['sp', '2026-04-20T21:00:00Z', '2026-04-20T11:00:00Z', 0, 'reversed: nothing'],
  ['utc', '2026-01-02T17:50:00Z', '2026-01-05T09:21:00Z', 31 * MIN, 'Fri 17:50 → Mon 09:21'],
  ['utc', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z', 261 * 9 * H, 'the year 2026: 261 weekdays'],
  ['nyOffice', '2026-03-06T21:00:00Z', '2026-03-09T14:00:00Z', 2 * H, 'Fri 16:00 EST → Mon 10:00 EDT'],
  ['nyNights', '2026-03-08T05:00:00Z', '2026-03-08T09:00:00Z', 3 * H, '00:00 EST–04:00 EDT: 3 h'],
  ['nyNights', '2026-11-01T04:00:00Z', '2026-11-01T09:00:00Z', 5 * H, '00:00 EDT–04:00 EST: 5 h'],
  [
    'nyGap',
    '2026-03-08T00:00:00Z',
    '2026-03-08T12:00:00Z',
    2 * H,
    '02:30–05:00 that night is 03:00–05:00 EDT',
  ],
  ['nyRepeat', '2026-11-01T00:00:00Z', '2026-11-01T12:00:00Z', 30 * MIN, '01:00–01:30 counted once'],
  ['berlinNights', '2026-03-28T23:00:00Z', '2026-03-29T03:00:00Z', 2 * H, '01:00 CET–04:00 CEST: 2 h'],
  ['berlinNights', '2026-10-24T22:00:00Z', '2026-10-25T04:00:00Z', 4 * H, '01:00 CEST–04:00 CET: 4 h'],
  ['berlinOffice', '2026-03-27T15:00:00Z', '2026-03-30T08:00:00Z', 2 * H, 'Fri 16:00 CET → Mon 10:00 CEST'],
  [
    'spSunday',
    '2018-11-03T00:00:00Z',
    '2018-11-06T00:00:00Z',
    23 * H,
    'the Sunday without its midnight hour',
  ],
  ['spSaturday', '2019-02-15T00:00:00Z', '2019-02-18T00:00:00Z', 25 * H, 'the Saturday with 23:00 twice'],
  ['sydneyNights', '2026-04-04T13:00:00Z', '2026-04-04T19:00:00Z', 4 * H, '01:00 AEDT–04:00 AEST: 4 h'],
  ['sydneyNights', '2026-10-03T14:00:00Z', '2026-10-03T18:00:00Z', 2 * H, '01:00 AEST–04:00 AEDT: 2 h'],
  ['closed', '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z', 0, 'never open'],
];

const dueRows: [Name, string, number, string, string][] = [
  ['sp', '2026-04-20T14:30:00Z', 2 * H, '2026-04-20T17:30:00Z', 'Mon 11:30 + 2 h over lunch → 14:30'],
  ['sp', '2026-04-17T20:00:00Z', 6 * H, '2026-04-20T12:00:00Z', 'Fri 17:00 + 6 h: Fri 1, Sat 4, Mon 09:00'],
  [
    'sp',
    '2026-04-20T20:00:00Z',
    2 * H,
    '2026-04-22T12:00:00Z',
    'Mon 17:00 + 2 h skips Tiradentes → Wed 09:00',
  ],
  [
    'sp',
    '2026-04-19T15:00:00Z',
    4 * H,
    '2026-04-20T15:00:00Z',
    'from Sunday: exactly the Monday morning → 12:00',
  ],
  ['sp', '2026-04-19T15:00:00Z', 0, '2026-04-19T15:00:00Z', 'nothing to count: the start itself'],
  ['utc', '2026-01-02T17:00:00Z', 9 * H, '2026-01-05T17:00:00Z', 'Fri 17:00 + 9 h → Mon 17:00'],
  ['nyOffice', '2026-10-30T20:00:00Z', 2 * H, '2026-11-02T15:00:00Z', 'Fri 16:00 EDT + 2 h → Mon 10:00 EST'],
  ['nyNights', '2026-03-08T05:00:00Z', 150 * MIN, '2026-03-08T07:30:00Z', '00:00 EST + 2.5 h → 03:30 EDT'],
  ['nyNights', '2026-11-01T04:00:00Z', 270 * MIN, '2026-11-01T08:30:00Z', '00:00 EDT + 4.5 h → 03:30 EST'],
  [
    'berlinNights',
    '2026-03-29T00:00:00Z',
    90 * MIN,
    '2026-03-29T01:30:00Z',
    '01:00 CET + 1.5 h → 03:30 CEST',
  ],
  [
    'berlinNights',
    '2026-10-24T23:00:00Z',
    210 * MIN,
    '2026-10-25T02:30:00Z',
    '01:00 CEST + 3.5 h → 03:30 CET',
  ],
  [
    'sydneyNights',
    '2026-10-03T15:00:00Z',
    90 * MIN,
    '2026-10-03T16:30:00Z',
    '01:00 AEST + 1.5 h → 03:30 AEDT',
  ],
  [
    'spSunday',
    '2018-11-03T12:00:00Z',
    23 * H,
    '2018-11-05T02:00:00Z',
    'the whole short Sunday → its midnight',
  ],
];

describe('business calendar math', () => {
  it.each(openRows)('isOpenAt %s %s → %s (%s)', (name, at, expected) => {
    expect(isOpenAt(C[name], new Date(at))).toBe(expected);
  });

  it.each(elapsedRows)('businessElapsedMs %s %s → %s = %d ms (%s)', (name, from, to, expected) => {
    expect(businessElapsedMs(C[name], new Date(from), new Date(to))).toBe(expected);
  });

  it.each(dueRows)('businessDueAt %s %s + %d ms → %s (%s)', (name, start, ms, expected) => {
    expect(businessDueAt(C[name], new Date(start), ms).toISOString()).toBe(new Date(expected).toISOString());
  });

  it('due and elapsed agree: the time elapsed until a due date is what was asked', () => {
    for (const [name, start, ms] of dueRows) {
      const due = businessDueAt(C[name], new Date(start), ms);
      expect(businessElapsedMs(C[name], new Date(start), due), `${name} ${start}`).toBe(ms);
    }
  });

  it('refuses what it cannot answer instead of looping', () => {
    expect(() => businessDueAt(C.closed, new Date('2026-01-01T00:00:00Z'), MIN)).toThrow(
      BusinessTimeUnreachableError,
    );
    // 30,000 h at about 2,350 business hours a year lies beyond the ten-year horizon.
    expect(() => businessDueAt(C.utc, new Date('2026-01-01T00:00:00Z'), 30_000 * H)).toThrow(
      /not reached within 10 years/,
    );
    expect(() =>
      businessElapsedMs(C.utc, new Date('2000-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z')),
    ).toThrow(/more than 10 years/);
    expect(() => isOpenAt(C.utc, new Date(Number.NaN))).toThrow(RangeError);
    expect(() => businessDueAt(C.utc, new Date('2026-01-01T00:00:00Z'), -1)).toThrow(RangeError);
  });

  it('is fast: a year of business time in a daylight-saving zone costs a few milliseconds (O(days))', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    const to = new Date('2027-01-01T00:00:00Z');
    // 2026 has 261 weekdays of 8 hours.
    expect(businessElapsedMs(C.nyOffice, from, to)).toBe(261 * 8 * H);
    // The best of five runs, so a busy machine does not decide: about 1.5 ms measured, a minute walk would be 500.
    const runs = Array.from({ length: 5 }, () => {
      const t0 = performance.now();
      businessElapsedMs(C.nyOffice, from, to);
      return performance.now() - t0;
    });
    expect(Math.min(...runs)).toBeLessThan(20);
  });
});

const problems = (input: unknown): string[] => {
  const result = businessCalendarSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('businessCalendarSchema', () => {
  it('defaults to Monday–Friday 09:00–18:00 UTC without holidays', () => {
    const nine = [{ open: '09:00', close: '18:00' }];
    expect(businessCalendarSchema.parse({})).toEqual({
      timezone: 'UTC',
      weekly: { mon: nine, tue: nine, wed: nine, thu: nine, fri: nine, sat: [], sun: [] },
      holidays: [],
      exceptions: [],
    });
  });

  it.each<[string, unknown, string[]]>([
    [
      'unknown zone',
      { timezone: 'Mars/Olympus_Mons' },
      ['timezone: an IANA time zone like America/Sao_Paulo or UTC'],
    ],
    [
      'overlapping periods',
      {
        weekly: {
          mon: [
            { open: '09:00', close: '12:00' },
            { open: '11:00', close: '14:00' },
          ],
        },
      },
      ['weekly.mon.1: overlaps 09:00–12:00'],
    ],
    [
      'periods out of order',
      {
        weekly: {
          fri: [
            { open: '13:00', close: '18:00' },
            { open: '08:00', close: '12:00' },
          ],
        },
      },
      ['weekly.fri.1: must come after 13:00–18:00 (periods in order of the day)'],
    ],
    [
      'close before open',
      { weekly: { tue: [{ open: '09:00', close: '08:00' }] } },
      [
        'weekly.tue.0.close: close (08:00) must be after open (09:00); periods past midnight are split in two (…–24:00, 00:00–…)',
      ],
    ],
    [
      'open at 24:00',
      { weekly: { wed: [{ open: '24:00', close: '24:00' }] } },
      ['weekly.wed.0.open: a 24-hour time like 09:00'],
    ],
    [
      'not a real date',
      { holidays: [{ date: '2026-02-30', name: 'x' }] },
      ['holidays.0.date: a real date written YYYY-MM-DD, like 2026-04-21'],
    ],
    [
      'two exceptions on one date',
      {
        exceptions: [
          { date: '2026-12-24', name: 'a', periods: [] },
          { date: '2026-12-24', name: 'b', periods: [] },
        ],
      },
      ['exceptions.1.date: exceptions.0 already sets 2026-12-24'],
    ],
    [
      'a holiday without a name',
      { holidays: [{ date: '2026-04-21', name: ' ' }] },
      ['holidays.0.name: a name is required'],
    ],
  ])('refuses %s, naming the field', (_, input, expected) => {
    expect(problems(input)).toEqual(expected);
  });

  it('accepts back-to-back periods, 24:00 closings and leap days', () => {
    expect(
      problems({
        weekly: {
          sat: [
            { open: '00:00', close: '12:00' },
            { open: '12:00', close: '24:00' },
          ],
        },
        holidays: [{ date: '2028-02-29', name: 'leap', yearly: true }],
      }),
    ).toEqual([]);
    expect(problems({ weekly: { monday: [] } })).toHaveLength(1);
  });
});
