import { Clock } from '@switchboard/engine';
import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlaView } from './support/sla-view';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/**
 * Running clocks follow an edit of their policy (PUT /api/sla-policies/:id) or of their department's calendar (PUT
 * /api/departments/:id/calendar): recomputed from the time counted, their timers moved; a breach already marked
 * stays. Every deadline below is computed by hand on a controllable clock.
 */
describe('SLA clocks follow policy and calendar edits', () => {
  let env: TestEnvironment;
  let clock: Clock;
  let standard: string;
  let t0 = 0;
  let n = 0;

  const at = (ms: number) => new Date(t0 + ms).toISOString();
  const moveTo = (ms: number) => clock.set(new Date(t0 + ms));
  const newWaId = () =>
    `55117${String(Date.now() % 1000000).padStart(6, '0')}${String(n++).padStart(2, '0')}`;

  const sla = async (id: string) =>
    (await env.api().get(`/api/conversations/${id}/sla`).expect(200)).body as SlaView;
  const slaWhen = (id: string, ready: (s: SlaView) => boolean, what: string) =>
    waitFor(
      async () => {
        const s = await sla(id);
        return ready(s) ? s : null;
      },
      { what },
    );
  const first = (s: SlaView) => s.clocks.find((c) => c.kind === 'first_response');
  const resolution = (s: SlaView) => s.clocks.find((c) => c.kind === 'resolution');
  const transitionsOf = (s: SlaView, clockId: string) =>
    s.transitions
      .filter((t) => t.clockId === clockId)
      .map((t) => [t.transition, t.at, t.elapsedMs, t.dueAt, t.cause.split('@')[0]]);
  const timerDue = async (key: string) =>
    (
      await env.query<{ due_at: Date }>(`select due_at from timers where key = $1`, [key])
    )[0]?.due_at.toISOString() ?? null;

  /** A customer writes on the number; resolves to the conversation once its first-response clock runs. */
  async function customerWrites(number: 'sales' | 'support'): Promise<string> {
    const waId = newWaId();
    await env.sandbox.customer(waId).withNumber(env.numbers[number].phoneNumberId).text('olá');
    const [{ id }] = await waitFor(
      () =>
        env.query<{ id: string }>(
          `select c.id from conversations c join contacts k on k.id = c.contact_id where k.wa_id = $1`,
          [waId],
        ),
      { what: `the conversation of ${waId}` },
    );
    await slaWhen(id, (s) => first(s)?.state === 'running', 'the first-response clock');
    return id;
  }

  const editFirstResponse = (warningMinutes: number, breachMinutes: number) =>
    env
      .api()
      .put(`/api/sla-policies/${standard}`)
      .send({
        targets: {
          firstResponse: { warningMinutes, breachMinutes },
          resolution: { warningMinutes: 100, breachMinutes: 240 },
        },
      })
      .expect(200);

  beforeAll(async () => {
    env = await createTestEnvironment({ config: { testing: { clock: 'controllable' } } });
    clock = env.app.get(Clock);
    for (const d of [env.numbers.sales.departmentId, env.numbers.support.departmentId])
      await env.api().put(`/api/departments/${d}/queues/default`).send({ strategy: 'manual' }).expect(200);
    standard = (
      await env
        .api()
        .post(`/api/departments/${env.numbers.sales.departmentId}/sla-policies`)
        .send({
          key: 'standard',
          name: 'Standard',
          businessHours: false,
          targets: {
            firstResponse: { warningMinutes: 10, breachMinutes: 30 },
            resolution: { warningMinutes: 100, breachMinutes: 240 },
          },
        })
        .expect(201)
    ).body.id as string;
  });
  afterAll(async () => {
    await env?.close();
  });

  it('a shortened target: the running clock is recomputed from its 4 counted minutes and breaches at the new time', async () => {
    t0 = Math.floor(Date.now() / MIN) * MIN;
    moveTo(0);
    const id = await customerWrites('sales');
    const before = await sla(id);
    expect(first(before)).toMatchObject({ dueAt: at(30 * MIN), warnAt: at(10 * MIN) });

    moveTo(4 * MIN);
    await editFirstResponse(5, 10);
    const s = await slaWhen(id, (v) => first(v)!.dueAt === at(10 * MIN), 'recomputed under the edit');
    const clockId = first(s)!.id;
    // 4 of the new 10 minutes counted at minute 4: due at minute 10 (not 14, not 30), warned from minute 5.
    expect(first(s)).toMatchObject({ state: 'running', policyId: standard, warnAt: at(5 * MIN) });
    expect(transitionsOf(s, clockId)).toEqual([
      ['started', at(0), 0, at(30 * MIN), 'conversation.routed'],
      ['recomputed', at(4 * MIN), 4 * MIN, at(10 * MIN), 'sla.policy_changed'],
    ]);
    expect(await timerDue(`sla:${clockId}:breach`)).toBe(at(10 * MIN));
    expect(await timerDue(`sla:${clockId}:warning`)).toBe(at(5 * MIN));
    // The resolution clock's target did not change: not recomputed.
    expect(resolution(s)!.dueAt).toBe(at(240 * MIN));
    expect(transitionsOf(s, resolution(s)!.id)).toHaveLength(1);

    moveTo(10 * MIN);
    const breached = await slaWhen(id, (v) => !!first(v)!.breachedAt, 'the breach at the new deadline');
    expect(first(breached)).toMatchObject({ breachedAt: at(10 * MIN), warnedAt: at(5 * MIN) });
  });

  it('a lengthened target after a breach: the deadline moves, the breach stays and nothing fires again', async () => {
    t0 = Math.floor(Date.now() / MIN) * MIN + HOUR;
    moveTo(0);
    const id = await customerWrites('sales');
    moveTo(10 * MIN);
    const breached = await slaWhen(id, (v) => !!first(v)?.breachedAt, 'breached under the 10-minute target');
    const clockId = first(breached)!.id;
    expect(first(breached)!.breachedAt).toBe(at(10 * MIN));

    moveTo(12 * MIN);
    await editFirstResponse(10, 30);
    const s = await slaWhen(id, (v) => first(v)!.dueAt === at(30 * MIN), 'recomputed under the edit');
    expect(first(s)).toMatchObject({ state: 'running', breachedAt: at(10 * MIN), warnedAt: at(5 * MIN) });
    expect(transitionsOf(s, clockId).at(-1)).toEqual([
      'recomputed',
      at(12 * MIN),
      12 * MIN,
      at(30 * MIN),
      'sla.policy_changed',
    ]);
    expect(await timerDue(`sla:${clockId}:breach`)).toBeNull();
    expect(await timerDue(`sla:${clockId}:warning`)).toBeNull();
    const conversation = (await env.api().get(`/api/conversations/${id}`).expect(200)).body as {
      sla: { status: string };
    };
    expect(conversation.sla.status).toBe('red');
  });

  it("a rename publishes nothing; new targets move the policy's clocks; a new match makes the department select again", async () => {
    const sales = env.numbers.sales.departmentId;
    const published = async () => {
      const rows = await env.query<{ name: string; n: number }>(
        `select name, count(*)::int as n from domain_events
          where (name = 'sla.policy_changed' and payload->>'policyId' = $1)
             or (name = 'sla.policies_changed' and payload->>'departmentId' = $2)
          group by name`,
        [standard, sales],
      );
      const of = (name: string) => rows.find((r) => r.name === name)?.n ?? 0;
      return { targets: of('sla.policy_changed'), reselect: of('sla.policies_changed') };
    };
    const before = await published();
    await env.api().put(`/api/sla-policies/${standard}`).send({ name: 'Standard (renamed)' }).expect(200);
    // The marker: edits that can move deadlines, committed after the rename.
    await env
      .api()
      .put(`/api/sla-policies/${standard}`)
      .send({ match: { priorities: ['low', 'normal', 'high', 'urgent'] } })
      .expect(200);
    expect(await published()).toEqual({ targets: before.targets, reselect: before.reselect + 1 });
    await editFirstResponse(10, 31);
    expect(await published()).toEqual({ targets: before.targets + 1, reselect: before.reselect + 1 });
    await editFirstResponse(10, 30);
    await env.api().put(`/api/sla-policies/${standard}`).send({ match: {} }).expect(200);
    expect(await published()).toEqual({ targets: before.targets + 2, reselect: before.reselect + 2 });
  });

  it('a policy created, put first, then deleted: the open conversation selects again each time, its clock recomputed', async () => {
    const sales = env.numbers.sales.departmentId;
    t0 = Math.floor(Date.now() / MIN) * MIN + 2 * HOUR;
    moveTo(0);
    const id = await customerWrites('sales');
    const clockId = first(await sla(id))!.id;

    moveTo(2 * MIN);
    const quick = (
      await env
        .api()
        .post(`/api/departments/${sales}/sla-policies`)
        .send({
          key: 'quick',
          name: 'Quick',
          businessHours: false,
          targets: { firstResponse: { warningMinutes: 5, breachMinutes: 15 } },
        })
        .expect(201)
    ).body.id as string;
    // Created last, it is tried after "standard": put first, it applies, with the 2 minutes already counted.
    await env
      .api()
      .put(`/api/departments/${sales}/sla-policies/order`)
      .send({ ids: [quick] })
      .expect(200);
    const moved = await slaWhen(id, (v) => first(v)!.policyId === quick, 'the clock under "quick"');
    expect(first(moved)).toMatchObject({
      id: clockId,
      state: 'running',
      dueAt: at(15 * MIN),
      warnAt: at(5 * MIN),
    });
    expect(await timerDue(`sla:${clockId}:breach`)).toBe(at(15 * MIN));
    // "quick" has no resolution target: the resolution clock stops.
    expect(resolution(moved)).toMatchObject({ state: 'stopped' });

    moveTo(4 * MIN);
    await env.api().delete(`/api/sla-policies/${quick}`).expect(204);
    const back = await slaWhen(id, (v) => first(v)!.policyId === standard, 'the clock back under "standard"');
    expect(first(back)).toMatchObject({
      id: clockId,
      state: 'running',
      dueAt: at(30 * MIN),
      warnAt: at(10 * MIN),
    });
    expect(transitionsOf(back, clockId)).toEqual([
      ['started', at(0), 0, at(30 * MIN), 'conversation.routed'],
      ['recomputed', at(2 * MIN), 2 * MIN, at(15 * MIN), 'sla.policies_changed'],
      ['recomputed', at(4 * MIN), 4 * MIN, at(30 * MIN), 'sla.policies_changed'],
    ]);
    const changes = await env.query<{ change: string }>(
      `select payload->>'change' as change from domain_events
        where name = 'sla.policies_changed' and payload->>'departmentId' = $1 order by seq desc limit 3`,
      [sales],
    );
    expect(changes.map((c) => c.change)).toEqual(['deleted', 'reordered', 'created']);
  });

  it('a conversation no policy matched gets its clocks when one that matches is created', async () => {
    const hr = env.numbers.hr.departmentId;
    await env.api().put(`/api/departments/${hr}/queues/default`).send({ strategy: 'manual' }).expect(200);
    t0 = Math.floor(Date.now() / MIN) * MIN + 3 * HOUR;
    moveTo(0);
    const waId = newWaId();
    await env.sandbox.customer(waId).withNumber(env.numbers.hr.phoneNumberId).text('olá');
    const [{ id }] = await waitFor(
      () =>
        env.query<{ id: string }>(
          `select c.id from conversations c join contacts k on k.id = c.contact_id where k.wa_id = $1`,
          [waId],
        ),
      { what: `the conversation of ${waId}` },
    );
    // The customer waits (yellow) with no deadline: no policy applies.
    await waitFor(
      async () => {
        const c = (await env.api().get(`/api/conversations/${id}`).expect(200)).body as {
          sla: { status: string; dueAt: string | null };
        };
        return c.sla.status === 'yellow' && c.sla.dueAt === null;
      },
      { what: 'the customer waiting with no deadline' },
    );
    expect((await sla(id)).clocks).toEqual([]);

    moveTo(3 * MIN);
    const late = (
      await env
        .api()
        .post(`/api/departments/${hr}/sla-policies`)
        .send({
          key: 'late',
          name: 'Late',
          businessHours: false,
          targets: { firstResponse: { warningMinutes: 5, breachMinutes: 20 } },
        })
        .expect(201)
    ).body.id as string;
    // Counted from when the customer wrote, as a routing decision would have: due at minute 20.
    const started = await slaWhen(id, (v) => first(v)?.state === 'running', 'the first-response clock');
    expect(first(started)).toMatchObject({ policyId: late, dueAt: at(20 * MIN), warnAt: at(5 * MIN) });

    // Left closed and the policy deleted, so the HR scenarios below start from a department with none.
    await env.api().post(`/api/conversations/${id}/close`).send({}).expect(200);
    await slaWhen(id, (v) => first(v)?.state === 'stopped', 'the clock stopped by the close');
    await env.api().delete(`/api/sla-policies/${late}`).expect(204);
  });

  it("a holiday added today: the business-hours deadline moves to the next business day's hours", async () => {
    const support = env.numbers.support.departmentId;
    const open = [{ open: '09:00', close: '17:00' }];
    const weekly = { mon: open, tue: open, wed: open, thu: open, fri: open, sat: open, sun: open };
    const calendar = (holidays: { date: string; name: string }[]) =>
      env
        .api()
        .put(`/api/departments/${support}/calendar`)
        .send({ timezone: 'UTC', weekly, holidays, exceptions: [] })
        .expect(200);
    await calendar([]);
    await env
      .api()
      .post(`/api/departments/${support}/sla-policies`)
      .send({
        key: 'office',
        name: 'Office hours',
        businessHours: true,
        targets: { firstResponse: { warningMinutes: 60, breachMinutes: 240 } },
      })
      .expect(201);
    // Tomorrow (UTC) at 10:00: open 09:00-17:00 every day.
    t0 = Math.floor(Date.now() / DAY) * DAY + DAY + 10 * HOUR;
    moveTo(0);
    const id = await customerWrites('support');
    const before = await sla(id);
    expect(first(before)).toMatchObject({ dueAt: at(4 * HOUR), warnAt: at(HOUR) });

    moveTo(30 * MIN);
    const today = new Date(t0).toISOString().slice(0, 10);
    await calendar([{ date: today, name: 'Feriado' }]);
    // Today no longer counts: the 4 hours run from 09:00 tomorrow, to 13:00; the warning at 10:00.
    const s = await slaWhen(
      id,
      (v) => first(v)!.dueAt === at(DAY + 3 * HOUR),
      'moved to the next business day',
    );
    const clockId = first(s)!.id;
    expect(first(s)).toMatchObject({ state: 'running', warnAt: at(DAY), breachedAt: null });
    expect(transitionsOf(s, clockId).at(-1)).toEqual([
      'recomputed',
      at(30 * MIN),
      0,
      at(DAY + 3 * HOUR),
      'department.calendar_changed',
    ]);
    expect(await timerDue(`sla:${clockId}:breach`)).toBe(at(DAY + 3 * HOUR));
    expect(await timerDue(`sla:${clockId}:warning`)).toBe(at(DAY));
  });

  it('an edit over 205 open conversations recomputes every clock, in two transactions of at most 200', async () => {
    const hr = env.numbers.hr.departmentId;
    await env.api().put(`/api/departments/${hr}/queues/default`).send({ strategy: 'manual' }).expect(200);
    const bulk = (
      await env
        .api()
        .post(`/api/departments/${hr}/sla-policies`)
        .send({
          key: 'bulk',
          name: 'Bulk',
          businessHours: false,
          targets: { firstResponse: { warningMinutes: 10, breachMinutes: 30 } },
        })
        .expect(201)
    ).body.id as string;
    // After the previous scenarios' instants.
    t0 = Math.floor(Date.now() / DAY) * DAY + 3 * DAY;
    moveTo(0);
    const waIds = Array.from({ length: 205 }, newWaId);
    for (let i = 0; i < waIds.length; i += 25)
      await Promise.all(
        waIds
          .slice(i, i + 25)
          .map((w) => env.sandbox.customer(w).withNumber(env.numbers.hr.phoneNumberId).text('oi')),
      );
    const running = () =>
      env.query<{ id: string; due_at: Date }>(
        `select id, due_at from sla_clocks where policy_id = $1 and kind = 'first_response' and state = 'running'`,
        [bulk],
      );
    await waitFor(async () => (await running()).length === 205, {
      timeoutMs: 60_000,
      what: '205 running clocks',
    });
    const [{ seq }] = await env.query<{ seq: string }>(
      `select coalesce(max(seq), 0) as seq from domain_events`,
    );

    moveTo(2 * MIN);
    await env
      .api()
      .put(`/api/sla-policies/${bulk}`)
      .send({ targets: { firstResponse: { warningMinutes: 5, breachMinutes: 15 } } })
      .expect(200);
    const moved = await waitFor(
      async () => {
        const clocks = await running();
        return clocks.every((c) => c.due_at.toISOString() === at(15 * MIN)) ? clocks : null;
      },
      { timeoutMs: 30_000, what: 'every clock due at minute 15' },
    );
    expect(moved).toHaveLength(205);
    const [{ recomputed }] = await env.query<{ recomputed: number }>(
      `select count(*)::int as recomputed from sla_clock_transitions
        where clock_id = any($1::uuid[]) and transition = 'recomputed' and at = $2`,
      [moved.map((c) => c.id), at(2 * MIN)],
    );
    expect(recomputed).toBe(205);
    // Each batch publishes its conversations' sla.updated in its own transaction: 200, then 5.
    const batches = await env.query<{ n: number }>(
      `select count(*)::int as n from domain_events
        where name = 'sla.updated' and seq > $1 and payload->>'departmentId' = $2 group by xid order by n desc`,
      [seq, hr],
    );
    expect(batches.map((b) => b.n)).toEqual([200, 5]);
  });

  it('two policies edited in one tick, each over 200 conversations: one recompute batch per transaction', async () => {
    // After the previous scenario, whose 205 HR conversations run under "bulk".
    const [{ id: bulk }] = await env.query<{ id: string }>(`select id from sla_policies where key = 'bulk'`);
    t0 = Math.floor(Date.now() / DAY) * DAY + 4 * DAY;
    moveTo(0);
    const waIds = Array.from({ length: 205 }, newWaId);
    for (let i = 0; i < waIds.length; i += 25)
      await Promise.all(
        waIds
          .slice(i, i + 25)
          .map((w) => env.sandbox.customer(w).withNumber(env.numbers.sales.phoneNumberId).text('oi')),
      );
    const liveFirst = (policy: string) =>
      env.query<{ id: string; conversation_id: string }>(
        `select id, conversation_id from sla_clocks
          where policy_id = $1 and kind = 'first_response' and state in ('running', 'paused')`,
        [policy],
      );
    await waitFor(async () => (await liveFirst(standard)).length >= 205, {
      timeoutMs: 60_000,
      what: '205 more running clocks under "standard"',
    });
    // Everything the move to this day made due (the earlier scenarios' deadlines) has fired.
    await waitFor(
      async () =>
        (
          await env.query<{ n: number }>(`select count(*)::int as n from timers where due_at <= $1`, [at(0)])
        )[0].n === 0,
      { timeoutMs: 30_000, what: 'no timer due' },
    );
    const [{ seq }] = await env.query<{ seq: string }>(
      `select coalesce(max(seq), 0) as seq from domain_events`,
    );

    moveTo(MIN);
    // A transaction left open holds back the delivery of events committed after it (read in xid order): both
    // edits reach the recompute subscriber in one batch, so both first batches are due in the same claim.
    const holder = new Client({
      host: env.db.host,
      port: env.db.port,
      user: env.db.user,
      database: env.db.database,
    });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select pg_current_xact_id()');
      await editFirstResponse(20, 60);
      await env
        .api()
        .put(`/api/sla-policies/${bulk}`)
        .send({ targets: { firstResponse: { warningMinutes: 20, breachMinutes: 40 } } })
        .expect(200);
      await holder.query('commit');
    } finally {
      await holder.end();
    }

    // Every live first-response clock of both policies is recomputed at minute 1.
    const notRecomputed = async () =>
      (
        await env.query<{ n: number }>(
          `select count(*)::int as n from sla_clocks c
            where c.policy_id = any($1::uuid[]) and c.kind = 'first_response' and c.state in ('running', 'paused')
              and not exists (select 1 from sla_clock_transitions t
                               where t.clock_id = c.id and t.transition = 'recomputed' and t.at = $2)`,
          [[standard, bulk], at(MIN)],
        )
      )[0].n;
    await waitFor(async () => (await notRecomputed()) === 0, {
      timeoutMs: 60_000,
      what: 'every clock of both policies recomputed',
    });
    const sales = new Set((await liveFirst(standard)).map((c) => c.conversation_id)).size;
    expect(sales).toBeGreaterThanOrEqual(205);
    // Each transaction's sla.updated: one department's conversations, at most 200 of them.
    const batches = await env.query<{ departments: string[]; n: number }>(
      `select array_agg(distinct payload->>'departmentId') as departments, count(*)::int as n from domain_events
        where name = 'sla.updated' and seq > $1 and payload->>'departmentId' <> $2 group by xid`,
      [seq, env.numbers.support.departmentId],
    );
    expect(batches.filter((b) => b.departments.length > 1 || b.n > 200)).toEqual([]);
    const total = (d: string) =>
      batches.filter((b) => b.departments[0] === d).reduce((sum, b) => sum + b.n, 0);
    expect(total(env.numbers.hr.departmentId)).toBe(205);
    expect(total(env.numbers.sales.departmentId)).toBe(sales);
  });
});
