import {
  createTestEnvironment,
  RedisProcess,
  TestEnvironment,
  waitFor,
  waitForConnectionRoom,
  WorkerProcess,
} from '@switchboard/testing';
import { getPriority } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { count } from './helpers';

describe('durability: nothing Meta delivered is lost or duplicated', () => {
  describe('queue (Redis) down during intake', () => {
    let env: TestEnvironment | undefined;
    let redis: RedisProcess | undefined;
    afterAll(async () => {
      await env?.close();
      await redis?.stop();
    });

    it('acknowledges and stores while Redis is down, and processes everything once it is back', async () => {
      redis = await RedisProcess.start();
      env = await createTestEnvironment({ queue: 'redis', redisUrl: redis.url });
      const e = env;
      const first = await e.sandbox.customer('5511944440000').text('antes da queda');
      await waitFor(() => e.query('select 1 from messages where wamid = $1', [first.wamid]));

      await redis.kill();
      const during: { wamid: string; result: { status: number } }[] = [];
      for (let i = 0; i < 20; i++)
        during.push(
          await e.sandbox.customer(`55119444400${String(i).padStart(2, '0')}`).text(`durante a queda ${i}`),
        );
      expect(during.map((d) => d.result.status)).toEqual(Array(20).fill(200));
      expect(await count(e, 'inbound_events', `status = 'pending'`)).toBeGreaterThanOrEqual(20);

      await redis.start();
      await waitFor(
        async () => (await count(e, 'messages', 'wamid = any($1)', [during.map((d) => d.wamid)])) === 20,
        {
          timeoutMs: 45_000,
          what: 'all 20 messages after Redis came back',
        },
      );
      expect(await count(e, 'inbound_events', `status = 'pending'`)).toBe(0);
      expect(await count(e, 'messages')).toBe(21);
    });
  });

  describe.each(['postgres', 'redis'] as const)('worker killed mid-batch (%s queue backend)', (queue) => {
    let env: TestEnvironment | undefined;
    const workers: WorkerProcess[] = [];
    afterAll(async () => {
      for (const w of workers) await w.kill();
      await env?.close();
    });

    it('a SIGKILLed worker loses nothing and duplicates nothing', async () => {
      env = await createTestEnvironment({ queue, worker: false });
      const e = env;
      const workerEnv = {
        DATABASE_URL: e.runtime.databaseUrl,
        SWITCHBOARD__MEDIA__STORAGE_DIR: e.runtime.config.media.storageDir,
        // The worker joins the same queues: the same backend, and on Redis the same key prefix.
        REDIS_URL: e.runtime.config.queue.redisUrl,
        SWITCHBOARD__QUEUE__PREFIX: e.runtime.config.queue.prefix,
        // Lowered on purpose (the default is 0): the last test checks the process applied it.
        SWITCHBOARD__WORKER__CPU_NICE: '7',
      };
      await waitForConnectionRoom(30, 'a worker process');
      workers.push(WorkerProcess.start(workerEnv));

      const from = Array.from({ length: 20 }, (_, i) => `55119555${String(i).padStart(5, '0')}`);
      const specs = Array.from({ length: 1000 }, (_, i) => ({ type: 'text' as const, body: `lote ${i}` }));
      const { wamids, results } = await e.sandbox.sendBatch(e.numbers.sales.phoneNumberId, specs, {
        from,
        perPost: 100,
      });
      expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));

      // Kill while a batch transaction is open: FOR UPDATE holds a RowShareLock on inbound_events.
      await waitFor(
        async () =>
          (
            await e.query<{ n: number }>(
              `select count(*)::int as n from pg_locks l join pg_class c on c.oid = l.relation
                where c.relname = 'inbound_events' and l.mode = 'RowShareLock'
                  and l.database = (select oid from pg_database where datname = current_database())`,
            )
          )[0].n > 0,
        { timeoutMs: 60_000, intervalMs: 2, what: 'a batch in flight' },
      );
      await workers[0].kill('SIGKILL');
      const atKill = await count(e, 'messages');
      expect(atKill).toBeLessThan(1000);

      workers.push(WorkerProcess.start(workerEnv));
      await waitFor(async () => (await count(e, 'inbound_events', `status <> 'processed'`)) === 0, {
        timeoutMs: 90_000,
        what: 'every event processed after restart',
      });
      expect(await count(e, 'messages')).toBe(1000);
      expect(await count(e, 'messages', 'wamid = any($1)', [wamids])).toBe(1000);
      expect(await count(e, 'conversations')).toBe(20);
      expect(await count(e, 'cards')).toBe(20);
      // The workers ran on this backend: BullMQ's PostgreSQL schema exists only when PostgreSQL carries the jobs.
      expect(
        await count(e, 'information_schema.schemata', 'schema_name = $1', [
          e.runtime.config.queue.postgresSchema,
        ]),
      ).toBe(queue === 'postgres' ? 1 : 0);
    }, 180_000);

    it('the worker process runs at the configured lower CPU priority (worker.cpuNice)', () => {
      const running = workers[workers.length - 1];
      expect(getPriority(running.pid)).toBe(7);
    });
  });
});
