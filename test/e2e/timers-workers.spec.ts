import { EntityManager } from '@mikro-orm/postgresql';
import { DurableTimers } from '@switchboard/engine';
import { createTestEnvironment, TestEnvironment, waitFor, waitForConnectionRoom } from '@switchboard/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { TimerFixturesModule } from '../fixtures/timers/timer-fixtures.module';

const ENTRY = 'dist/test/fixtures/timers/timer-worker.js';

/** A worker-role application with the timer fixture handlers, as its own OS process (see timer-worker.ts). */
class TimerWorker {
  output = '';
  readonly child: ChildProcess;

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, [ENTRY], {
      env: { ...process.env, NODE_ENV: 'test', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    this.child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  async ready(): Promise<void> {
    await waitFor(
      () => {
        if (this.child.exitCode !== null) throw new Error(`timer worker exited at boot:\n${this.output}`);
        return this.output.includes(`timer-worker ready ${this.pid}`);
      },
      { timeoutMs: 150_000, what: `timer worker ${this.pid} ready` },
    ).catch((e: unknown) => {
      throw new Error(`${String(e)}\n${this.output}`);
    });
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill(signal);
    await exited;
  }
}

describe('durable timers across worker processes', () => {
  let env: TestEnvironment | undefined;
  const workers: TimerWorker[] = [];
  afterAll(async () => {
    for (const w of workers) await w.kill('SIGKILL');
    await env?.close();
  });

  it('2,000 timers due over 3 s fire exactly once between two workers, one of them SIGKILLed mid-batch', async () => {
    expect(existsSync(ENTRY), 'run npm run build first (npm test does)').toBe(true);
    // This process only schedules: the timers are fired by the two worker processes.
    env = await createTestEnvironment({ worker: false, modules: [TimerFixturesModule] });
    const e = env;
    const workerEnv = () => ({
      DATABASE_URL: e.runtime.databaseUrl,
      SWITCHBOARD__MEDIA__STORAGE_DIR: e.runtime.config.media.storageDir,
      REDIS_URL: '',
      SWITCHBOARD__QUEUE__PREFIX: e.runtime.config.queue.prefix,
      SWITCHBOARD__TIMERS__BATCH_SIZE: '50',
      // Small pools: the suite runs files in parallel against one server (max_connections 100 by default).
      SWITCHBOARD__DATABASE__POOL_MAX: '3',
      SWITCHBOARD__QUEUE__POSTGRES_POOL_MAX: '1',
    });
    await waitForConnectionRoom(60, 'two worker processes');
    const [a, b] = [new TimerWorker(workerEnv()), new TimerWorker(workerEnv())];
    workers.push(a, b);
    await Promise.all([a.ready(), b.ready()]);

    const start = Date.now() + 1000;
    const keys = Array.from({ length: 2000 }, (_, i) => `multi:${String(i).padStart(4, '0')}`);
    const timers = e.app.get(DurableTimers);
    await e.app
      .get(EntityManager)
      .fork()
      .transactional((tx) =>
        timers.schedule(
          tx,
          // 1.5 ms apart over 3 s; each batch holds its transaction 20 ms (the handler sleeps), so one is in flight.
          keys.map((key, i) => ({
            kind: 'fixture.record',
            key,
            dueAt: new Date(start + Math.floor(i * 1.5)),
            payload: { holdMs: 20 },
          })),
        ),
      );

    // Under load the schedule itself may commit after the first timers fall due: lateness counts from the later.
    const scheduledAt = new Date();
    // Kill worker a after it committed a batch, while its next one is open (its handler sleeping with the timers
    // claimed).
    await waitFor(
      async () =>
        (
          await e.query(
            `select 1 from pg_stat_activity
              where application_name = $1 and state = 'active' and datname = current_database()
                and exists (select 1 from fixture_timers_fired where pid = $2)`,
            [`timer-batch-${a.pid}`, a.pid],
          )
        ).length > 0,
      { timeoutMs: 30_000, intervalMs: 2, what: 'a second batch of worker a in flight' },
    ).catch(async (err: unknown) => {
      const fired = await e.query(`select pid, count(*)::int from fixture_timers_fired group by pid`);
      throw new Error(`${String(err)}\n${JSON.stringify(fired)}\nworker a:\n${a.output}`);
    });
    await a.kill('SIGKILL');
    const firedAtKill = (
      await e.query<{ n: number }>(`select count(*)::int as n from fixture_timers_fired`)
    )[0].n;
    expect(firedAtKill).toBeLessThan(2000);

    await waitFor(
      async () => (await e.query(`select 1 from timers where kind = 'fixture.record' limit 1`)).length === 0,
      { timeoutMs: 60_000, what: 'every timer fired' },
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}\nworker b:\n${b.output}`);
    });
    const [totals] = await e.query<{ rows: number; keys: number; by_a: number; by_b: number }>(
      `select count(*)::int as rows, count(distinct key)::int as keys,
              count(*) filter (where pid = $1)::int as by_a, count(*) filter (where pid = $2)::int as by_b
         from fixture_timers_fired where key like 'multi:%'`,
      [a.pid, b.pid],
    );
    expect(totals.rows).toBe(2000);
    expect(totals.keys).toBe(2000);
    // Both processes fired some; what worker a had claimed when it died was fired by b.
    expect(totals.by_a).toBeGreaterThan(0);
    expect(totals.by_b).toBeGreaterThan(0);
    expect(totals.by_a + totals.by_b).toBe(2000);
    const [lateness] = await e.query<{ p50: number; p99: number; max: number }>(
      `select percentile_cont(0.5) within group (order by ms)::int as p50,
              percentile_cont(0.99) within group (order by ms)::int as p99, max(ms)::int as max
         from (select extract(epoch from fired_at - greatest(due_at, $1)) * 1000 as ms from fixture_timers_fired) l`,
      [scheduledAt],
    );
    process.stdout.write(
      `timers across workers: ${totals.by_a} fired by a before SIGKILL, ${totals.by_b} by b; ` +
        `lateness p50 ${lateness.p50} ms, p99 ${lateness.p99} ms, max ${lateness.max} ms\n`,
    );
  }, 360_000);
});
