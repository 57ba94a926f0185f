import 'reflect-metadata';
import { waitForConnectionRoom } from './connection-room';
import { INestApplication, Type } from '@nestjs/common';
import { createApp, CORE_ENTITIES } from '@switchboard/api';
import { TemplateSyncService, WhatsappNumberService } from '@switchboard/channels';
import { loadConfig, prepareRuntime, Runtime } from '@switchboard/engine';
import { DepartmentSetupService } from '@switchboard/pipelines';
import { SandboxHandle, SandboxNumber, SandboxOptions, startSandbox } from '@switchboard/wa-sandbox';
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { createTestDatabase, TestDatabase } from './test-database';
import { ActorKey, seedActors, TestActor } from './seed-actors';

export interface TestEnvironmentOptions {
  /** Queue backend: PostgreSQL (default) or Redis at REDIS_URL / 127.0.0.1:6379. */
  queue?: 'postgres' | 'redis';
  redisUrl?: string;
  /** Run the queue consumers in the api process (default true). */
  worker?: boolean;
  sandbox?: Partial<Omit<SandboxOptions, 'numbers'>>;
  /** Extra config overrides (deep-merged). */
  config?: Record<string, unknown>;
  /** Fixture modules booted with the app (e.g. domain event subscribers). */
  modules?: Type[];
}

export interface SeededNumber extends SandboxNumber {
  id: string;
  departmentId: string;
  departmentKey: string;
}

export interface TestEnvironment {
  app: INestApplication;
  url: string;
  runtime: Runtime;
  sandbox: SandboxHandle;
  db: Client;
  numbers: Record<'sales' | 'support' | 'hr', SeededNumber>;
  users: Record<ActorKey, TestActor>;
  /** supertest against the api as the admin. */
  api(): request.Agent;
  /** supertest as one of the seeded actors. */
  as(actor: ActorKey): request.Agent;
  /** supertest with no credentials. */
  anonymous(): request.Agent;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

const DEPARTMENTS = [
  { key: 'sales', name: 'Sales', n: 1 },
  { key: 'support', name: 'Support', n: 2 },
  { key: 'hr', name: 'HR', n: 3 },
] as const;

/**
 * Boots the real application against a fresh PostgreSQL database and a local WhatsApp sandbox with one
 * number per department. Everything is real: HTTP, queues, database; only Meta is the sandbox.
 */
export async function createTestEnvironment(options: TestEnvironmentOptions = {}): Promise<TestEnvironment> {
  await waitForConnectionRoom(45, 'a test environment');
  const database: TestDatabase = await createTestDatabase();
  const mediaDir = mkdtempSync(join(tmpdir(), 'sb-media-'));
  const useRedis = options.queue === 'redis';
  const config = loadConfig({
    env: { ...process.env, NODE_ENV: 'test' },
    overrides: {
      database: { url: database.url, poolMax: 6 },
      queue: {
        redisUrl: useRedis ? (options.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379') : '',
        prefix: database.name,
      },
      media: { storageDir: mediaDir },
      server: { port: 0, host: '127.0.0.1' },
      ...(options.config ?? {}),
    },
  });
  const runtime = await prepareRuntime(config, { entities: CORE_ENTITIES, migrate: true });
  const app = await createApp(runtime, { worker: options.worker ?? true, extraModules: options.modules });
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  const sandboxNumbers: (SandboxNumber & { key: string; name: string })[] = DEPARTMENTS.map((d) => ({
    key: d.key,
    name: d.name,
    phoneNumberId: `10000000000000${d.n}`,
    displayPhoneNumber: `155500000${d.n}`,
    wabaId: `20000000000000${d.n}`,
    accessToken: `test-access-token-${d.key}`,
    appSecret: `test-app-secret-${d.key === 'hr' ? 'hr' : 'shared'}`,
    verifyToken: `test-verify-${d.key}`,
    webhookUrl: `${url}/webhooks/whatsapp`,
  }));
  const sandbox = await startSandbox({
    numbers: sandboxNumbers.map(({ key: _k, name: _n, ...n }) => n),
    statusDelaysMs: { sent: 20, delivered: 60, read: 120 },
    webhookRetry: { initialDelayMs: 100, maxDelayMs: 1000, maxAgeMs: 60_000 },
    ...(options.sandbox ?? {}),
  });

  const departments = app.get(DepartmentSetupService);
  const numberService = app.get(WhatsappNumberService);
  const templateSync = app.get(TemplateSyncService);
  const numbers = {} as TestEnvironment['numbers'];
  for (const n of sandboxNumbers) {
    const dept = await departments.ensure(n.key, n.name);
    const { key, name: _name, ...sandboxNumber } = n;
    const saved = await numberService.upsert({
      ...sandboxNumber,
      departmentId: dept.id,
      graphBaseUrl: sandbox.url,
      graphVersion: sandbox.graphVersion,
    });
    // Registered without the API, so their templates are synced here as registration does: template sends are
    // checked against the stored templates.
    await templateSync.syncQuietly(saved.id);
    numbers[key as keyof TestEnvironment['numbers']] = {
      ...sandboxNumber,
      id: saved.id,
      departmentId: dept.id,
      departmentKey: key,
    };
  }

  const db = new Client({ connectionString: database.url });
  await db.connect();
  const users = await seedActors(app, url, {
    sales: numbers.sales.departmentId,
    support: numbers.support.departmentId,
    hr: numbers.hr.departmentId,
  });

  return {
    app,
    url,
    runtime,
    sandbox,
    db,
    numbers,
    users,
    api: () => request.agent(url).set('Authorization', `Bearer ${users.admin.token}`),
    as: (actor) => request.agent(url).set('Authorization', `Bearer ${users[actor].token}`),
    anonymous: () => request.agent(url),
    query: async <T>(sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows as T[],
    close: async () => {
      await sandbox.close();
      await app.close();
      await db.end();
      await runtime.shutdown();
      await database.drop();
      rmSync(mediaDir, { recursive: true, force: true });
    },
  };
}
