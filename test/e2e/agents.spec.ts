import { Clock } from '@switchboard/engine';
import { createTestEnvironment, TestEnvironment } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from './helpers';

interface Agent {
  userId: string;
  role: string;
  availability: { status: string; since: string | null };
  capacity: number | null;
  skills: string[];
  languages: string[];
  onShiftNow: boolean | null;
}

describe('agents: availability, capacity, skills, languages and shifts', () => {
  let env: TestEnvironment;
  let clock: Clock;
  let sales: string;
  let support: string;

  beforeAll(async () => {
    env = await createTestEnvironment({ config: { testing: { clock: 'controllable' } } });
    clock = env.app.get(Clock);
    sales = env.numbers.sales.departmentId;
    support = env.numbers.support.departmentId;
  });
  afterAll(async () => {
    await env?.close();
  });

  const agentsOf = async (departmentId: string): Promise<Agent[]> =>
    (await env.as('salesSupervisor').get(`/api/departments/${departmentId}/agents`).expect(200)).body;
  const salesAgent = async () => (await agentsOf(sales)).find((a) => a.userId === env.users.salesAgent.id)!;

  it('availability is set by the agent and by a supervisor, with who, when and why kept', async () => {
    const agentId = env.users.salesAgent.id;
    expect((await salesAgent()).availability).toEqual({ status: 'offline', since: null });

    clock.set(new Date('2030-02-04T12:00:00Z'));
    await env.as('salesAgent').put('/api/me/availability').send({ status: 'online' }).expect(200);
    // The same status again records nothing.
    await env.as('salesAgent').put('/api/me/availability').send({ status: 'online' }).expect(200);
    clock.set(new Date('2030-02-04T13:00:00Z'));
    const set = await env
      .as('salesSupervisor')
      .put(`/api/departments/${sales}/agents/${agentId}/availability`)
      .send({ status: 'away', reason: 'training' })
      .expect(200);
    expect(set.body).toEqual({ status: 'away', since: '2030-02-04T13:00:00.000Z' });

    const history = (
      await env
        .as('salesSupervisor')
        .get(`/api/departments/${sales}/agents/${agentId}/availability`)
        .expect(200)
    ).body;
    expect(history).toEqual({
      current: { status: 'away', since: '2030-02-04T13:00:00.000Z' },
      history: [
        {
          status: 'away',
          previous: 'online',
          source: 'supervisor',
          changedBy: { id: env.users.salesSupervisor.id, name: 'salesSupervisor' },
          reason: 'training',
          at: '2030-02-04T13:00:00.000Z',
        },
        {
          status: 'online',
          previous: null,
          source: 'self',
          changedBy: { id: agentId, name: 'salesAgent' },
          reason: null,
          at: '2030-02-04T12:00:00.000Z',
        },
      ],
    });
    expect((await env.as('salesAgent').get('/api/me/availability').expect(200)).body).toEqual(history);
    expect((await salesAgent()).availability).toEqual({ status: 'away', since: '2030-02-04T13:00:00.000Z' });

    // Refused, changing nothing: a bad status, an agent (not a supervisor), another department's supervisor, a
    // person without a role in the department.
    await env.as('salesAgent').put('/api/me/availability').send({ status: 'busy' }).expect(400);
    await env
      .as('salesAgent')
      .put(`/api/departments/${sales}/agents/${agentId}/availability`)
      .send({ status: 'online' })
      .expect(403);
    await env
      .as('salesSupervisor')
      .put(`/api/departments/${support}/agents/${env.users.supportAgent.id}/availability`)
      .send({ status: 'online' })
      .expect(404);
    const stranger = await env
      .as('salesSupervisor')
      .put(`/api/departments/${sales}/agents/${env.users.supportAgent.id}/availability`)
      .send({ status: 'online' })
      .expect(400);
    expect(stranger.body.message).toContain(env.users.supportAgent.id);
    expect(await count(env, 'agent_availability_changes')).toBe(2);

    const audited = await env.query<{ action: string; target_id: string; department_id: string }>(
      `select action, target_id, department_id from audit_events where action like 'agent.%'`,
    );
    expect(audited).toEqual([
      { action: 'agent.availability.changed', target_id: agentId, department_id: sales },
    ]);
  });

  it('capacity, skills and languages go only to agents and supervisors of the department, validated', async () => {
    const agentId = env.users.salesAgent.id;
    const url = `/api/departments/${sales}/agents/${agentId}`;
    const ok = await env
      .as('salesSupervisor')
      .patch(url)
      .send({ capacity: 4, skills: ['billing', 'tier-2'], languages: ['PT-br', 'es'] })
      .expect(200);
    expect(ok.body).toMatchObject({ userId: agentId, capacity: 4, skills: ['billing', 'tier-2'] });
    // Stored in canonical BCP-47 case.
    expect(ok.body.languages).toEqual(['pt-BR', 'es']);
    // Fields left out keep their value.
    expect((await env.as('salesSupervisor').patch(url).send({ capacity: 6 }).expect(200)).body).toMatchObject(
      {
        capacity: 6,
        skills: ['billing', 'tier-2'],
        languages: ['pt-BR', 'es'],
      },
    );

    const before = await env.query('select * from agent_department_settings');
    const refusals: [string, object, number, string][] = [
      [url, { languages: ['en_US'] }, 400, 'en_US'],
      [url, { languages: ['xx'] }, 400, 'xx'],
      [url, { capacity: -1 }, 400, 'capacity'],
      [url, { skills: ['Not A Slug'] }, 400, 'skills'],
      [url, {}, 400, 'give capacity'],
      [`/api/departments/${sales}/agents/${env.users.supportAgent.id}`, { capacity: 2 }, 400, 'no role'],
      [`/api/departments/${sales}/agents/${env.users.admin.id}`, { capacity: 2 }, 400, env.users.admin.id],
      [`/api/departments/${sales}/agents/${env.users.viewer.id}`, { capacity: 2 }, 409, 'viewer'],
    ];
    for (const [path, body, status, named] of refusals) {
      const r = await env.as('salesSupervisor').patch(path).send(body);
      expect(r.status, `${path} ${JSON.stringify(body)}: ${r.text}`).toBe(status);
      expect(JSON.stringify(r.body)).toContain(named);
    }
    await env.as('salesAgent').patch(url).send({ capacity: 1 }).expect(403);
    await env.as('supportAgent').patch(url).send({ capacity: 1 }).expect(403);
    expect(await env.query('select * from agent_department_settings')).toEqual(before);

    // Viewers take no conversations, so the list has the supervisor and the agent only.
    expect((await agentsOf(sales)).map((a) => [a.userId, a.role])).toEqual([
      [agentId, 'agent'],
      [env.users.salesSupervisor.id, 'supervisor'],
    ]);
    await env.as('salesAgent').get(`/api/departments/${sales}/agents`).expect(403);
    await env.as('salesSupervisor').get(`/api/departments/${support}/agents`).expect(404);
    expect(
      (await env.as('admin').get(`/api/departments/${support}/agents`).expect(200)).body.map(
        (a: Agent) => a.userId,
      ),
    ).toEqual([env.users.supportAgent.id]);
  });

  it('overlapping shift periods and bad schedules are refused, naming the problem', async () => {
    const url = `/api/departments/${sales}/agents/${env.users.salesAgent.id}`;
    const overlap = await env
      .as('salesSupervisor')
      .patch(url)
      .send({
        schedule: {
          timezone: 'America/New_York',
          weekly: [
            { day: 1, start: '09:00', end: '12:00' },
            { day: 2, start: '11:00', end: '14:00' },
            { day: 1, start: '11:30', end: '15:00' },
          ],
        },
      })
      .expect(400);
    expect(overlap.body.message).toContain('Monday 09:00–12:00 and Monday 11:30–15:00 overlap');
    expect(overlap.body.message).not.toContain('Tuesday');
    const bad: [object, string][] = [
      [{ timezone: 'Mars/Olympus', weekly: [] }, 'IANA time zone'],
      [{ timezone: 'UTC', weekly: [{ day: 3, start: '18:00', end: '09:00' }] }, 'crosses midnight'],
      [{ timezone: 'UTC', weekly: [], daysOff: ['2030-02-30'] }, 'not a calendar date'],
      [
        {
          timezone: 'UTC',
          weekly: [],
          breaks: [
            { date: '2030-03-13', start: '10:00', end: '11:00' },
            { date: '2030-03-13', start: '10:30', end: '10:45' },
          ],
        },
        '2030-03-13 10:00–11:00 and 2030-03-13 10:30–10:45 overlap',
      ],
    ];
    for (const [schedule, named] of bad) {
      const r = await env.as('salesSupervisor').patch(url).send({ schedule });
      expect(r.status, r.text).toBe(400);
      expect(r.body.message).toContain(named);
    }
    expect((await salesAgent()).onShiftNow).toBeNull();
  });

  it('on shift now follows the time zone across a daylight-saving change, days off and breaks', async () => {
    await env
      .as('salesSupervisor')
      .patch(`/api/departments/${sales}/agents/${env.users.salesAgent.id}`)
      .send({
        schedule: {
          timezone: 'America/New_York',
          // Weekdays, two periods with a lunch gap.
          weekly: [1, 2, 3, 4, 5].flatMap((day) => [
            { day, start: '09:00', end: '12:00' },
            { day, start: '13:00', end: '17:00' },
          ]),
          daysOff: ['2030-03-12'],
          breaks: [{ date: '2030-03-13', start: '10:00', end: '10:30' }],
        },
      })
      .expect(200);
    // New York moves from UTC-5 to UTC-4 on Sunday 2030-03-10: the same UTC time is an hour later locally.
    const cases: [string, boolean, string][] = [
      ['2030-03-08T14:30:00Z', true, 'Friday 09:30 EST'],
      ['2030-03-08T13:30:00Z', false, 'Friday 08:30 EST, before the shift'],
      ['2030-03-11T13:30:00Z', true, 'Monday 09:30 EDT (08:30 at the old offset)'],
      ['2030-03-11T21:30:00Z', false, 'Monday 17:30 EDT (16:30 at the old offset)'],
      ['2030-03-11T16:30:00Z', false, 'Monday 12:30 EDT, lunch'],
      ['2030-03-12T14:00:00Z', false, 'Tuesday 10:00 EDT, a day off'],
      ['2030-03-13T14:15:00Z', false, 'Wednesday 10:15 EDT, a break'],
      ['2030-03-13T14:45:00Z', true, 'Wednesday 10:45 EDT, after the break'],
      ['2030-03-16T15:00:00Z', false, 'Saturday 11:00 EDT'],
    ];
    const seen: [string, boolean | null][] = [];
    for (const [at, , what] of cases) {
      clock.set(new Date(at));
      seen.push([what, (await salesAgent()).onShiftNow]);
    }
    expect(seen).toEqual(cases.map(([, on, what]) => [what, on]));

    await env
      .as('salesSupervisor')
      .patch(`/api/departments/${sales}/agents/${env.users.salesAgent.id}`)
      .send({ schedule: null })
      .expect(200);
    expect((await salesAgent()).onShiftNow).toBeNull();
    const actions = await env.query<{ n: number }>(
      `select count(*)::int as n from audit_events where action = 'agent.settings.changed'`,
    );
    expect(actions[0].n).toBe(4);
  });
});
