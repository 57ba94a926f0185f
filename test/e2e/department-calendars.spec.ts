import { Clock } from '@switchboard/engine';
import { createTestEnvironment, TestEnvironment } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const NINE_TO_SIX = [{ open: '09:00', close: '18:00' }];
const DEFAULT_WEEKLY = {
  mon: NINE_TO_SIX,
  tue: NINE_TO_SIX,
  wed: NINE_TO_SIX,
  thu: NINE_TO_SIX,
  fri: NINE_TO_SIX,
  sat: [],
  sun: [],
};
const SPLIT = [
  { open: '08:00', close: '12:00' },
  { open: '13:00', close: '18:00' },
];

/** Department business calendars through the API, as an admin sets them, and what counts by them. */
describe('department calendars API', () => {
  let env: TestEnvironment;
  let clock: Clock;
  let seq = 0;

  beforeAll(async () => {
    env = await createTestEnvironment({
      config: { testing: { clock: 'controllable' }, plugins: { enabled: ['./plugins/dept-hr'] } },
    });
    clock = env.app.get(Clock);
  });
  afterAll(async () => {
    await env?.close();
  });

  const newDepartment = async (): Promise<string> =>
    (
      await env
        .api()
        .post('/api/departments')
        .send({ key: `cal-${++seq}`, name: `Calendar ${seq}` })
        .expect(201)
    ).body.id;
  const calendarOf = async (id: string) =>
    (await env.api().get(`/api/departments/${id}/calendar`).expect(200)).body;
  const auditOf = (departmentId: string, action: string) =>
    env.query<{ details: Record<string, unknown> }>(
      `select details from audit_events where target_type = 'department' and target_id = $1 and action = $2`,
      [departmentId, action],
    );

  it("derives a calendar from the department's hours, else its plugin's, else Mon–Fri 09–18 UTC", async () => {
    const id = await newDepartment();
    expect(await calendarOf(id)).toEqual({
      departmentId: id,
      source: 'default',
      pluginId: null,
      updatedAt: null,
      calendar: { timezone: 'UTC', weekly: DEFAULT_WEEKLY, holidays: [], exceptions: [] },
    });

    await env
      .api()
      .patch(`/api/departments/${id}`)
      .send({ businessHours: { timezone: 'America/Sao_Paulo', days: [1, 3], open: '08:00', close: '17:00' } })
      .expect(200);
    const eight = [{ open: '08:00', close: '17:00' }];
    expect(await calendarOf(id)).toMatchObject({
      source: 'department',
      calendar: {
        timezone: 'America/Sao_Paulo',
        weekly: { mon: eight, tue: [], wed: eight, thu: [], fri: [], sat: [], sun: [] },
      },
    });

    // The department plugin's hours, on one of the department's numbers (members-only pinned off first: dept-hr
    // would otherwise hide the department from the admin).
    const n = env.numbers.support;
    await env.api().patch(`/api/departments/${n.departmentId}`).send({ membersOnly: false }).expect(200);
    await env
      .api()
      .put(`/api/numbers/${n.id}/plugins/dept-hr`)
      .send({
        enabled: true,
        settings: {
          greetNewConversations: false,
          businessHours: { timezone: 'Europe/Lisbon', days: [2], open: '08:30', close: '12:00' },
        },
      })
      .expect(200);
    expect(await calendarOf(n.departmentId)).toMatchObject({
      source: 'plugin',
      pluginId: 'dept-hr',
      calendar: {
        timezone: 'Europe/Lisbon',
        weekly: { mon: [], tue: [{ open: '08:30', close: '12:00' }], wed: [], sun: [] },
        holidays: [],
      },
    });
  });

  it('refuses a bad calendar with 422 naming the field, and stores nothing', async () => {
    const id = await newDepartment();
    const refused = async (body: object) =>
      (await env.api().put(`/api/departments/${id}/calendar`).send(body).expect(422)).body.message as string;
    expect(
      await refused({
        weekly: {
          mon: [
            { open: '09:00', close: '12:00' },
            { open: '11:30', close: '18:00' },
          ],
        },
      }),
    ).toBe('weekly.mon.1: overlaps 09:00–12:00');
    expect(await refused({ timezone: 'Mars/Olympus_Mons' })).toBe(
      'timezone: an IANA time zone like America/Sao_Paulo or UTC',
    );
    expect(await refused({ holidays: [{ date: '2026-02-30', name: 'Nope' }] })).toBe(
      'holidays.0.date: a real date written YYYY-MM-DD, like 2026-04-21',
    );
    expect(await refused({ weekly: { tue: [{ open: '18:00', close: '09:00' }] } })).toMatch(
      /^weekly\.tue\.0\.close: close \(09:00\) must be after open \(18:00\)/,
    );
    expect((await calendarOf(id)).source).toBe('default');
    expect(await auditOf(id, 'department.calendar_updated')).toEqual([]);
    await env.api().get('/api/departments/00000000-0000-7000-8000-000000000000/calendar').expect(404);
  });

  it('stores and audits a calendar; number health and the silence alarm count by it (holiday, lunch)', async () => {
    const n = env.numbers.sales;
    const calendar = {
      timezone: 'America/Sao_Paulo',
      weekly: { mon: SPLIT, tue: SPLIT, wed: SPLIT, thu: SPLIT, fri: SPLIT },
      holidays: [{ date: '2026-04-21', name: 'Tiradentes' }],
      exceptions: [{ date: '2026-12-24', name: 'Véspera', periods: [{ open: '09:00', close: '12:00' }] }],
    };
    const put = await env.api().put(`/api/departments/${n.departmentId}/calendar`).send(calendar).expect(200);
    const stored = {
      timezone: 'America/Sao_Paulo',
      weekly: { mon: SPLIT, tue: SPLIT, wed: SPLIT, thu: SPLIT, fri: SPLIT, sat: [], sun: [] },
      holidays: [{ date: '2026-04-21', name: 'Tiradentes', yearly: false }],
      exceptions: calendar.exceptions,
    };
    expect(put.body).toMatchObject({ source: 'calendar', pluginId: null, calendar: stored });
    expect(put.body.updatedAt).toEqual(expect.any(String));
    expect((await calendarOf(n.departmentId)).calendar).toEqual(stored);
    const [audit] = await auditOf(n.departmentId, 'department.calendar_updated');
    expect(audit.details).toMatchObject({ from: { source: 'default' }, to: stored });

    const health = async () =>
      (await env.api().get(`/api/numbers/${n.id}/health`).expect(200)).body.silenceAlarm;
    // Tuesday 2026-04-21 11:00 in São Paulo (UTC−3): Tiradentes, closed.
    clock.set(new Date('2026-04-21T14:00:00Z'));
    expect(await health()).toMatchObject({
      withinBusinessHoursNow: false,
      businessHours: { source: 'calendar', hours: null, calendar: stored },
    });
    // Wednesday 11:00: open; 12:30: lunch between the two periods.
    clock.set(new Date('2026-04-22T14:00:00Z'));
    expect((await health()).withinBusinessHoursNow).toBe(true);
    clock.set(new Date('2026-04-22T15:30:00Z'));
    expect((await health()).withinBusinessHoursNow).toBe(false);
  });

  it("imports a country's public holidays (BR 2026), once, with its region's on request", async () => {
    const id = await newDepartment();
    const imported = await env
      .api()
      .post(`/api/departments/${id}/calendar/holidays/import`)
      .send({ country: 'br', years: [2026] })
      .expect(200);
    // Checked by hand against Brazil's 2026 calendar: national public holidays, not carnival (a bank holiday).
    expect(imported.body.imported).toEqual(
      expect.arrayContaining([
        { date: '2026-01-01', name: 'Ano Novo' },
        { date: '2026-04-03', name: 'Sexta-Feira Santa' },
        { date: '2026-04-21', name: 'Dia de Tiradentes' },
        { date: '2026-09-07', name: 'Dia da Independência' },
        { date: '2026-10-12', name: 'Nossa Senhora Aparecida' },
        { date: '2026-11-20', name: 'Dia da Consciência Negra' },
        { date: '2026-12-25', name: 'Natal' },
      ]),
    );
    const dates = (imported.body.imported as { date: string }[]).map((h) => h.date);
    expect(dates).not.toContain('2026-02-17');
    expect(dates).not.toContain('2027-01-01');
    // The department had derived hours: it now has a calendar of its own with the same hours and the holidays.
    expect(imported.body).toMatchObject({
      source: 'calendar',
      calendar: { timezone: 'UTC', weekly: DEFAULT_WEEKLY },
    });
    expect(imported.body.calendar.holidays).toContainEqual({
      date: '2026-04-21',
      name: 'Dia de Tiradentes',
      yearly: false,
    });

    const again = await env
      .api()
      .post(`/api/departments/${id}/calendar/holidays/import`)
      .send({ country: 'BR', years: [2026], region: 'sp' })
      .expect(200);
    // Only São Paulo's own holiday is new; the national ones are there already.
    expect(again.body.imported).toEqual([{ date: '2026-07-09', name: 'Revolução Constitucionalista' }]);
    expect(again.body.calendar.holidays).toHaveLength(imported.body.calendar.holidays.length + 1);
    expect(await auditOf(id, 'department.calendar_holidays_imported')).toHaveLength(2);

    const refused = async (body: object) =>
      (await env.api().post(`/api/departments/${id}/calendar/holidays/import`).send(body).expect(422)).body
        .message as string;
    expect(await refused({ country: 'XX', years: [2026] })).toMatch(
      /^country: no holiday rules for country "XX"/,
    );
    expect(await refused({ country: 'BR', years: [2026], region: 'ZZ' })).toBe(
      'region: no region "ZZ" in BR',
    );
    expect(await refused({ country: 'BR', years: [] })).toBe('years: at least one year');
    expect(await refused({ country: 'Brazil', years: [2026] })).toBe(
      'country: a two-letter country code like BR',
    );
  });

  it('refuses an import that would pass the 2000-holiday limit with 422 naming holidays, and stores nothing', async () => {
    const id = await newDepartment();
    // 1999 dated holidays, one a day from 1970-01-01: none a Brazilian holiday of 2026.
    const holidays = Array.from({ length: 1999 }, (_, i) => ({
      date: new Date(Date.UTC(1970, 0, 1 + i)).toISOString().slice(0, 10),
      name: `Day ${i}`,
    }));
    await env.api().put(`/api/departments/${id}/calendar`).send({ holidays }).expect(200);
    const refused = await env
      .api()
      .post(`/api/departments/${id}/calendar/holidays/import`)
      .send({ country: 'BR', years: [2026] })
      .expect(422);
    // Brazil's 2026 national public holidays, counted by hand: Jan 1, Apr 3, Apr 21, May 1, Sep 7, Oct 12, Nov 2,
    // Nov 15, Nov 20, Dec 25, and the two election Sundays (Oct 4, Oct 25).
    expect(refused.body.message).toBe('holidays: at most 2000 holidays; it has 1999 and the import adds 12');
    expect(refused.body.problems).toEqual([
      { field: 'holidays', problem: 'at most 2000 holidays; it has 1999 and the import adds 12' },
    ]);
    expect((await calendarOf(id)).calendar.holidays).toHaveLength(1999);
    expect(await auditOf(id, 'department.calendar_holidays_imported')).toEqual([]);
  });

  it('documents the calendar routes and their bodies in OpenAPI', async () => {
    const doc = (await env.anonymous().get('/api/docs/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const put = JSON.stringify(doc.paths['/api/departments/{id}/calendar']?.put ?? null);
    for (const field of ['timezone', 'weekly', 'mon', 'holidays', 'yearly', 'exceptions', 'periods'])
      expect(put).toContain(`"${field}"`);
    expect(doc.paths['/api/departments/{id}/calendar']?.get).toBeDefined();
    const importBody = JSON.stringify(
      doc.paths['/api/departments/{id}/calendar/holidays/import']?.post ?? null,
    );
    for (const field of ['country', 'years', 'region']) expect(importBody).toContain(`"${field}"`);
  });
});
