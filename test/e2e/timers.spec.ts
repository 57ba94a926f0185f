import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, DurableTimers, TimerInput, TimerRunner } from '@switchboard/engine';
import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TimerFixturesModule } from '../fixtures/timers/timer-fixtures.module';

interface Fired {
  key: string;
  kind: string;
  due_at: Date;
  fired_at: Date;
}

interface Pending {
  key: string;
  due_at: Date;
  attempts: number;
  last_error: string | null;
}

/** A minute boundary an hour ahead of now: times below are written as offsets from it by hand. */
const hourAhead = () => new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 3_600_000);
const plus = (at: Date, ms: number) => new Date(at.getTime() + ms);

describe('durable timers (one process, controllable clock)', () => {
  let env: TestEnvironment;
  let timers: DurableTimers;
  let runner: TimerRunner;
  let clock: Clock;
  let em: EntityManager;

  beforeAll(async () => {
    env = await createTestEnvironment({
      modules: [TimerFixturesModule],
      config: {
        testing: { clock: 'controllable' },
        // Only a schedule's NOTIFY or a clock move can wake the runner within a test's time.
        timers: { maxSleepMs: 60_000, retryBaseMs: 1000, retryMaxMs: 4000, batchSize: 100 },
      },
    });
    timers = env.app.get(DurableTimers);
    runner = env.app.get(TimerRunner);
    clock = env.app.get(Clock);
    em = env.app.get(EntityManager);
  });
  afterAll(async () => {
    await env?.close();
  });

  const schedule = (list: TimerInput[]) => em.fork().transactional((tx) => timers.schedule(tx, list));
  const cancel = (keys: string[]) => em.fork().transactional((tx) => timers.cancel(tx, keys));
  const fired = (prefix: string) =>
    env.query<Fired>(
      `select key, kind, due_at, fired_at from fixture_timers_fired where key like $1 || '%' order by n`,
      [prefix],
    );
  const pending = (prefix: string) =>
    env.query<Pending>(
      `select key, due_at, attempts, last_error from timers where key like $1 || '%' order by key`,
      [prefix],
    );
  /** Waits until the runner is idle and sleeping towards `at` (a later notification of `at` no longer wakes it). */
  const settledTowards = (at: Date) =>
    waitFor(
      () => {
        const { busy, sleepingTowards } = runner.status();
        return !busy && sleepingTowards?.getTime() === at.getTime();
      },
      { what: `the runner idle towards ${at.toISOString()}` },
    );
  const rolledBack = async (fn: (tx: EntityManager) => Promise<void>) =>
    expect(
      em.fork().transactional(async (tx) => {
        await fn(tx);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');

  it('schedules, moves and cancels only when the transaction commits', async () => {
    const t0 = hourAhead();
    clock.set(t0);
    await schedule([{ kind: 'fixture.record', key: 'rb:a', dueAt: plus(t0, 10_000) }]);
    await rolledBack((tx) =>
      timers.schedule(tx, [
        { kind: 'fixture.record', key: 'rb:b', dueAt: plus(t0, 5_000) },
        { kind: 'fixture.record', key: 'rb:a', dueAt: plus(t0, 1_000) },
      ]),
    );
    await rolledBack((tx) => timers.cancel(tx, ['rb:a']));
    expect(await pending('rb:')).toEqual([
      { key: 'rb:a', due_at: plus(t0, 10_000), attempts: 0, last_error: null },
    ]);

    clock.advance(5_000);
    await runner.runDue();
    expect(await fired('rb:')).toEqual([]);
    clock.advance(5_000);
    await runner.runDue();
    expect(await fired('rb:')).toEqual([
      { key: 'rb:a', kind: 'fixture.record', due_at: plus(t0, 10_000), fired_at: plus(t0, 10_000) },
    ]);
    expect(await pending('rb:')).toEqual([]);
  });

  it('refuses to schedule or cancel outside a transaction, or a kind nothing handles', async () => {
    const at = hourAhead();
    await expect(
      timers.schedule(em.fork(), [{ kind: 'fixture.record', key: 'out:a', dueAt: at }]),
    ).rejects.toThrow('durable timers are scheduled inside the transaction of the change they belong to');
    await expect(timers.cancel(em.fork(), ['out:a'])).rejects.toThrow(
      'durable timers are cancelled inside the transaction of the change they belong to',
    );
    await expect(schedule([{ kind: 'fixture.nobody', key: 'out:b', dueAt: at }])).rejects.toThrow(
      'timer kind "fixture.nobody" has no @OnTimer handler declared in this process',
    );
    expect(await pending('out:')).toEqual([]);
  });

  it('fires each timer once when the clock reaches it: a moved one at its new time, a cancelled one never', async () => {
    const t1 = hourAhead();
    clock.set(t1);
    await schedule([
      { kind: 'fixture.record', key: 'once:a', dueAt: plus(t1, 10_000), payload: { n: 1 } },
      { kind: 'fixture.record', key: 'once:b', dueAt: plus(t1, 20_000) },
      { kind: 'fixture.record', key: 'once:c', dueAt: plus(t1, 30_000) },
      { kind: 'fixture.record', key: 'once:d', dueAt: plus(t1, 15_000) },
    ]);
    await schedule([{ kind: 'fixture.record', key: 'once:b', dueAt: plus(t1, 40_000) }]);
    await cancel(['once:c', 'once:unknown']);

    expect(await runner.runDue()).toBe(0);
    clock.advance(15_000);
    await runner.runDue();
    expect(await fired('once:')).toEqual([
      { key: 'once:a', kind: 'fixture.record', due_at: plus(t1, 10_000), fired_at: plus(t1, 15_000) },
      { key: 'once:d', kind: 'fixture.record', due_at: plus(t1, 15_000), fired_at: plus(t1, 15_000) },
    ]);
    expect((await env.query(`select payload from fixture_timers_fired where key = 'once:a'`))[0]).toEqual({
      payload: { n: 1 },
    });

    clock.advance(25_000);
    await runner.runDue();
    await runner.runDue();
    expect((await fired('once:')).map((f) => [f.key, f.fired_at])).toEqual([
      ['once:a', plus(t1, 15_000)],
      ['once:d', plus(t1, 15_000)],
      ['once:b', plus(t1, 40_000)],
    ]);
    expect(await pending('once:')).toEqual([]);
  });

  it('wakes on a clock move and on a committed schedule of an earlier timer, without being asked', async () => {
    const t2 = hourAhead();
    const halfHour = 30 * 60_000;
    clock.set(t2);
    await schedule([{ kind: 'fixture.record', key: 'wake:a', dueAt: plus(t2, halfHour) }]);
    // Settled: the runner sleeps towards wake:a, a minute at most (maxSleepMs), longer than the waits below.
    await runner.runDue();
    await settledTowards(plus(t2, halfHour));
    clock.advance(halfHour);
    const [a] = await waitFor(() => fired('wake:a'), {
      timeoutMs: 10_000,
      what: 'wake:a after the clock moved',
    });
    expect(a.fired_at).toEqual(plus(t2, halfHour));

    await schedule([{ kind: 'fixture.record', key: 'wake:b', dueAt: plus(t2, 4 * halfHour) }]);
    await runner.runDue();
    await settledTowards(plus(t2, 4 * halfHour));
    // Due now, earlier than wake:b that the runner sleeps towards: its NOTIFY wakes it.
    await schedule([{ kind: 'fixture.record', key: 'wake:c', dueAt: plus(t2, halfHour) }]);
    const [c] = await waitFor(() => fired('wake:c'), {
      timeoutMs: 10_000,
      what: 'wake:c after its schedule',
    });
    expect(c.fired_at).toEqual(plus(t2, halfHour));
    expect(await fired('wake:b')).toEqual([]);
  });

  it('backs off a failing timer alone while its batch-mates and other kinds fire, and fires it once it succeeds', async () => {
    const t3 = hourAhead();
    clock.set(t3);
    await env.query(`insert into fixture_timers_failing (key) values ('flaky:bad')`);
    await schedule([
      { kind: 'fixture.flaky', key: 'flaky:good1', dueAt: t3 },
      { kind: 'fixture.flaky', key: 'flaky:bad', dueAt: t3 },
      { kind: 'fixture.flaky', key: 'flaky:good2', dueAt: t3 },
      { kind: 'fixture.record', key: 'flaky:other', dueAt: t3 },
    ]);
    await runner.runDue();
    // The failing handler's own write for flaky:bad rolled back with it.
    expect((await fired('flaky:')).map((f) => f.key).sort()).toEqual([
      'flaky:good1',
      'flaky:good2',
      'flaky:other',
    ]);
    expect(await pending('flaky:')).toEqual([
      {
        key: 'flaky:bad',
        due_at: plus(t3, 1_000),
        attempts: 1,
        last_error: 'fixture.flaky was told to fail flaky:bad',
      },
    ]);

    clock.advance(1_000);
    await runner.runDue();
    expect(await pending('flaky:')).toEqual([
      {
        key: 'flaky:bad',
        due_at: plus(t3, 3_000),
        attempts: 2,
        last_error: 'fixture.flaky was told to fail flaky:bad',
      },
    ]);

    await env.query(`delete from fixture_timers_failing where key = 'flaky:bad'`);
    clock.advance(1_000);
    await runner.runDue();
    expect(await pending('flaky:')).toHaveLength(1);
    clock.advance(1_000);
    await runner.runDue();
    expect(await pending('flaky:')).toEqual([]);
    const bad = (await fired('flaky:')).filter((f) => f.key === 'flaky:bad');
    expect(bad).toEqual([
      { key: 'flaky:bad', kind: 'fixture.flaky', due_at: plus(t3, 3_000), fired_at: plus(t3, 3_000) },
    ]);
  });

  it('claims by the due range of the index: 50,000 waiting timers are not read to fire 10', async () => {
    const t5 = hourAhead();
    clock.set(t5);
    const day = 24 * 3_600_000;
    await schedule(
      Array.from({ length: 50_000 }, (_, i) => ({
        kind: 'fixture.record',
        key: `far:${i}`,
        dueAt: plus(t5, day + i * 1000),
      })),
    );
    await schedule(
      Array.from({ length: 10 }, (_, i) => ({
        kind: 'fixture.record',
        key: `cost:${i}`,
        dueAt: plus(t5, 1000),
      })),
    );
    await env.query('analyze timers');
    const [{ pages }] = await env.query<{ pages: number }>(
      `select relpages as pages from pg_class where relname = 'timers'`,
    );
    expect(pages).toBeGreaterThan(400);

    // The runner's own claim statement, as it reaches the driver (no copy of its SQL here): every statement the
    // process sends while it fires them.
    const sent: string[] = [];
    const query = Client.prototype.query as (...args: unknown[]) => unknown;
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      const q = args[0] as string | { text?: string };
      const text = typeof q === 'string' ? q : q?.text;
      if (text) sent.push(text);
      return query.apply(this, args);
    } as typeof Client.prototype.query;
    clock.advance(1000);
    try {
      expect(await runner.runDue()).toBe(10);
    } finally {
      Client.prototype.query = query as typeof Client.prototype.query;
    }
    expect(await fired('cost:')).toHaveLength(10);
    const claims = [...new Set(sent.filter((t) => /^\s*delete from timers/i.test(t)))];
    expect(claims).toHaveLength(1);

    // That statement run again on 10 timers due a second after the clock (the runner leaves them), rolled back: the
    // due_at index bounds the range (an Index Cond, no filter walking the index, no Seq Scan) and the blocks it
    // touches follow the 10 due timers (about 60), not the 50,000 waiting ones (600 and more).
    await schedule(
      Array.from({ length: 10 }, (_, i) => ({
        kind: 'fixture.record',
        key: `plan:${i}`,
        dueAt: plus(t5, 2000),
      })),
    );
    await env.query('begin');
    const [plan] = await env.query<{ 'QUERY PLAN': unknown }>(
      `explain (analyze, buffers, format json) ${claims[0]}`,
      [plus(t5, 2000), ['fixture.record'], 100],
    );
    await env.query('rollback');
    const nodes: Record<string, unknown>[] = [];
    const walk = (node: Record<string, unknown>) => {
      nodes.push(node);
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    walk((plan['QUERY PLAN'] as { Plan: Record<string, unknown> }[])[0].Plan);
    const top = nodes[0];
    expect(top['Actual Rows']).toBe(10);
    expect(Number(top['Shared Hit Blocks']) + Number(top['Shared Read Blocks'])).toBeLessThan(150);
    expect(nodes.filter((n) => n['Node Type'] === 'Seq Scan')).toEqual([]);
    const due = nodes.filter((n) => n['Index Name'] === 'timers_due_at');
    expect(due).toHaveLength(1);
    expect(due[0]['Index Cond']).toMatch(/^\(due_at <= /);
    expect(due[0]['Actual Rows']).toBe(10);
    expect(due[0]['Rows Removed by Filter'] ?? 0).toBe(0);
    clock.advance(1000);
    await runner.runDue();
    expect(await fired('plan:')).toHaveLength(10);
  });

  it('leaves a timer set again exactly as it is unwritten and unnotified; a changed due time rewrites it', async () => {
    const at = plus(hourAhead(), 7 * 3_600_000);
    const key = 'same:1';
    const input = (dueAt: Date): TimerInput => ({ kind: 'fixture.record', key, dueAt, payload: { n: 1 } });
    const xmin = async () =>
      (await env.query<{ xmin: string }>(`select xmin::text from timers where key = $1`, [key]))[0]?.xmin;
    await schedule([input(at)]);
    const first = await xmin();
    expect(first).toBeDefined();

    const listener = new Client({
      host: env.db.host,
      port: env.db.port,
      user: env.db.user,
      database: env.db.database,
    });
    const heard: string[] = [];
    listener.on('notification', (n) => heard.push(n.payload ?? ''));
    await listener.connect();
    try {
      await listener.query('listen switchboard_timers');
      await schedule([input(at)]);
      expect(await xmin()).toBe(first);
      // The marker: a changed due time is rewritten and notified; nothing was heard before it.
      const later = plus(at, 60_000);
      await schedule([input(later)]);
      await waitFor(() => heard.length > 0, { what: 'the NOTIFY of the moved timer' });
      expect(heard).toEqual([String(later.getTime())]);
      expect(await xmin()).not.toBe(first);
      expect(await pending(key)).toEqual([{ key, due_at: later, attempts: 0, last_error: null }]);
    } finally {
      await listener.end();
      await cancel([key]);
    }
  });

  it('stamps domain events with the clock: a customer message is received at the clock time', async () => {
    const t4 = hourAhead();
    clock.set(t4);
    const { wamid } = await env.sandbox.customer('5511966660001').text('que horas são?');
    const [event] = await waitFor(
      () =>
        env.query<{ occurred_at: Date }>(
          `select e.occurred_at from domain_events e join messages m on m.id::text = e.payload->>'messageId'
            where e.name = 'message.received' and m.wamid = $1`,
          [wamid],
        ),
      { what: 'message.received of the customer message' },
    );
    expect(event.occurred_at).toEqual(t4);
  });
});
