import { Clock } from '@switchboard/engine';
import { createTestEnvironment, TestEnvironment, waitFor, waitForConnectionRoom } from '@switchboard/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Client } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

/** The built worker application of test/e2e/timers-workers.spec.ts: the whole worker role (SLA included). */
const ENTRY = 'dist/test/fixtures/timers/timer-worker.js';
const N = 200;
const CHUNK = 25;
const SEC = 1000;

/** A worker-role process whose database sessions are named `name` (to see its transactions in pg_stat_activity). */
class WorkerProcess {
  output = '';
  readonly child: ChildProcess;

  constructor(
    readonly name: string,
    env: Record<string, string>,
  ) {
    this.child = spawn(process.execPath, [ENTRY], {
      env: { ...process.env, NODE_ENV: 'test', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    this.child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
  }

  async ready(): Promise<void> {
    await waitFor(
      () => {
        if (this.child.exitCode !== null)
          throw new Error(`worker ${this.name} exited at boot:\n${this.output}`);
        return this.output.includes(`timer-worker ready ${this.child.pid}`);
      },
      { timeoutMs: 150_000, what: `worker ${this.name} ready` },
    ).catch((e: unknown) => {
      throw new Error(`${String(e)}\n${this.output}`);
    });
  }

  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }
}

/**
 * SLA deadlines across two real worker processes, one SIGKILLed while it holds a batch: every clock warns once and
 * breaches once (one sla.warning and one sla.breached event, one transition each, one escalation per threshold),
 * and the priority is raised exactly twice. Policies count whole minutes, so the clocks start in the past: this
 * process (its worker role on a controllable clock frozen before every deadline, so it fires none) ingests the
 * customer messages 2 minutes back; the workers boot while a transaction holds the due timers, then race for them while another holds 50
 * conversations, so that worker a is SIGKILLed with a batch open.
 */
describe('SLA deadlines across worker processes', () => {
  let env: TestEnvironment | undefined;
  const workers: WorkerProcess[] = [];
  const clients: Client[] = [];
  /** A session of this test's own, outside the application (to hold rows); closed with the test. */
  const session = async (connectionString: string): Promise<Client> => {
    const c = new Client({ connectionString });
    // The database is dropped with the environment: a session still open then is terminated, not an error.
    c.on('error', () => undefined);
    await c.connect();
    clients.push(c);
    return c;
  };
  afterAll(async () => {
    for (const w of workers) await w.kill();
    for (const c of clients) await c.end().catch(() => undefined);
    await env?.close();
  });

  it(`${N} clocks warn and breach exactly once between two workers, one SIGKILLed mid-batch`, async () => {
    expect(existsSync(ENTRY), 'run npm run build first (npm test does)').toBe(true);
    env = await createTestEnvironment({ config: { testing: { clock: 'controllable' } } });
    const e = env;
    const clock = e.app.get(Clock);
    const sales = e.numbers.sales.departmentId;
    await e.api().put(`/api/departments/${sales}/queues/default`).send({ strategy: 'manual' }).expect(200);
    await e
      .api()
      .post(`/api/departments/${sales}/sla-policies`)
      .send({
        key: 'fast',
        name: 'Fast',
        businessHours: false,
        targets: { firstResponse: { warningMinutes: 1, breachMinutes: 2 } },
        escalations: [
          { on: 'warning', clock: 'any', action: 'raise_priority' },
          { on: 'breach', clock: 'any', action: 'raise_priority' },
        ],
      })
      .expect(201);

    // Every deadline already due: warnings 60 s and breaches 120 s after instants 2 minutes and more ago.
    const base = Date.now() - 130 * SEC;
    for (let k = 0; k < N / CHUNK; k++) {
      clock.set(new Date(base + k * 600));
      await Promise.all(
        Array.from({ length: CHUNK }, (_, j) =>
          e.sandbox
            .customer(`5511977${String(k * CHUNK + j).padStart(6, '0')}`)
            .withNumber(e.numbers.sales.phoneNumberId)
            .text(`sla ${k * CHUNK + j}`),
        ),
      );
      await waitFor(
        async () =>
          (
            await e.query<{ n: number }>(
              `select count(*)::int as n from sla_clocks where kind = 'first_response'`,
            )
          )[0].n ===
          (k + 1) * CHUNK,
        { timeoutMs: 60_000, what: `clocks of chunk ${k}` },
      );
    }
    const [spread] = await e.query<{ first: Date; last: Date }>(
      `select min(started_at) as first, max(started_at) as last from sla_clocks`,
    );
    expect(new Date(spread.first).getTime()).toBe(base);
    expect(new Date(spread.last).getTime()).toBe(base + 7 * 600);
    // Nothing fired here: this process's clock stands before every warning.
    expect(await e.query(`select 1 from sla_clocks where warned_at is not null`)).toEqual([]);

    // Both workers start while this transaction holds every deadline timer (their claims skip locked rows): on
    // its rollback both race for the 2N due timers.
    const holder = await session(e.runtime.databaseUrl);
    await holder.query('begin');
    const held = await holder.query(
      `select key from timers where kind in ('sla.warning', 'sla.breach') for update`,
    );
    expect(held.rowCount).toBe(2 * N);
    const url = new URL(e.runtime.databaseUrl);
    const workerEnv = (name: string) => {
      url.searchParams.set('application_name', name);
      return {
        DATABASE_URL: url.toString(),
        // The ORM's pool builds its connections from parsed fields: pg reads the name from PGAPPNAME.
        PGAPPNAME: name,
        SWITCHBOARD__MEDIA__STORAGE_DIR: e.runtime.config.media.storageDir,
        REDIS_URL: '',
        SWITCHBOARD__QUEUE__PREFIX: e.runtime.config.queue.prefix,
        SWITCHBOARD__TIMERS__BATCH_SIZE: '10',
        // Small pools: the suite runs files in parallel against one server (max_connections 100 by default).
        SWITCHBOARD__DATABASE__POOL_MAX: '3',
        SWITCHBOARD__QUEUE__POSTGRES_POOL_MAX: '1',
      };
    };
    await waitForConnectionRoom(60, 'two worker processes');
    const [a, b] = [
      new WorkerProcess('sla-worker-a', workerEnv('sla-worker-a')),
      new WorkerProcess('sla-worker-b', workerEnv('sla-worker-b')),
    ];
    workers.push(a, b);
    await Promise.all([a.ready(), b.ready()]);
    expect(
      await e.query(`select 1 from domain_events where name in ('sla.warning', 'sla.breached')`),
    ).toEqual([]);
    // A second transaction holds the conversation rows of the last 50 clocks (their escalations raise the
    // priority there): the batches reaching them stay open, blocked, so worker a is caught mid-batch.
    const blocker = await session(e.runtime.databaseUrl);
    await blocker.query('begin');
    await blocker.query(
      `select 1 from conversations where id in
         (select conversation_id from sla_clocks order by started_at desc, id limit 50) for update`,
    );
    const releasedAt = Date.now();
    await holder.query('rollback');

    // Kill worker a once firings have committed and its batch of claimed timers waits on a held conversation (the
    // claimed timers roll back with it and worker b fires them once the conversations are let go).
    await waitFor(
      async () =>
        (
          await e.query(
            `select 1 from pg_stat_activity s
              where s.application_name = 'sla-worker-a' and s.datname = current_database()
                and s.wait_event_type = 'Lock'
                and exists (select 1 from pg_locks l where l.pid = s.pid and l.relation = 'timers'::regclass)
                and exists (select 1 from domain_events where name in ('sla.warning', 'sla.breached'))`,
          )
        ).length > 0,
      { timeoutMs: 90_000, intervalMs: 2, what: 'worker a holding a batch of timers' },
    ).catch(async (err: unknown) => {
      const seen = await e.query(
        `select application_name, state, wait_event_type, left(query, 80) as query from pg_stat_activity
          where datname = current_database() and state <> 'idle'`,
      );
      const fired = await e.query(
        `select name, count(*)::int from domain_events where name like 'sla.%' group by 1`,
      );
      throw new Error(`${String(err)}
${JSON.stringify(seen)}
${JSON.stringify(fired)}
worker a:
${a.output}`);
    });
    await a.kill();
    const [atKill] = await e.query<{ n: number }>(
      `select count(*)::int as n from domain_events where name in ('sla.warning', 'sla.breached')`,
    );
    expect(atKill.n).toBeLessThan(2 * N);
    await blocker.query('rollback');

    await waitFor(
      async () =>
        (await e.query(`select 1 from timers where kind in ('sla.warning', 'sla.breach') limit 1`)).length ===
        0,
      { timeoutMs: 60_000, what: 'every deadline fired' },
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}\nworker b:\n${b.output}`);
    });
    // The escalations' priority changes go through the subscribers too: wait for their last one.
    await waitFor(
      async () =>
        (await e.query(`select 1 from conversations where priority <> 'urgent' limit 1`)).length === 0,
      { what: 'every conversation raised twice' },
    );

    const perClock = await e.query<{ warnings: number; breaches: number }>(
      `select count(*) filter (where d.name = 'sla.warning')::int as warnings,
              count(*) filter (where d.name = 'sla.breached')::int as breaches
         from sla_clocks c left join domain_events d
           on d.name in ('sla.warning', 'sla.breached') and d.payload->>'clockId' = c.id::text
        group by c.id`,
    );
    expect(perClock).toHaveLength(N);
    expect(perClock.filter((r) => r.warnings !== 1 || r.breaches !== 1)).toEqual([]);
    const [marks] = await e.query<{ exact: number; warned: number; breached: number }>(
      `select count(*) filter (where warned_at = started_at + interval '60 seconds'
                                 and breached_at = started_at + interval '120 seconds')::int as exact,
              (select count(*)::int from sla_clock_transitions where transition = 'warned') as warned,
              (select count(*)::int from sla_clock_transitions where transition = 'breached') as breached
         from sla_clocks`,
    );
    expect(marks).toEqual({ exact: N, warned: N, breached: N });
    const escalations = await e.query<{ on: string; n: number; clocks: number }>(
      `select "on", count(*)::int as n, count(distinct clock_id)::int as clocks
         from sla_escalations_applied group by "on" order by "on"`,
    );
    expect(escalations).toEqual([
      { on: 'breach', n: N, clocks: N },
      { on: 'warning', n: N, clocks: N },
    ]);
    // One timeline line per clock and threshold (nothing keys these: a double run would write two).
    const lines = await e.query<{ n: number }>(
      `select count(*)::int as n from card_events where kind = 'sla'
        group by data->>'clockId', data->>'on' having count(*) <> 1`,
    );
    expect(lines).toEqual([]);
    expect(
      await e.query<{ n: number }>(`select count(*)::int as n from card_events where kind = 'sla'`),
    ).toEqual([{ n: 2 * N }]);
    process.stdout.write(
      `SLA across workers: ${atKill.n} of ${2 * N} firings committed when worker a was SIGKILLed; ` +
        `all fired and escalated ${Math.round((Date.now() - releasedAt) / 100) / 10} s after the release\n`,
    );
  }, 240_000);
});
