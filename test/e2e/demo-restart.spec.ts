import { createTestDatabase, freePort, TestDatabase } from '@switchboard/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ENTRY = resolve(process.cwd(), 'dist/apps/api/src/demo.js');
const ADMIN = { email: 'admin@switchboard.demo', password: 'switchboard-demo' };
/** What the demo sets up, written from the demo's own description (README and its startup banner). */
const DEPARTMENTS = ['sales', 'support', 'hr'];
const NUMBERS = { sales: '110000000000001', support: '110000000000002', hr: '110000000000003' };
const PLUGINS = { sales: 'dept-sales', support: 'dept-support', hr: 'dept-hr' };

interface Demo {
  child: ChildProcess;
  base: string;
  log: () => string;
}

/** `npm run demo`'s program (built), on the given database, until it says it is running. */
async function startDemo(databaseUrl: string): Promise<Demo> {
  if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run "npm run build" first (npm test does)`);
  const port = await freePort();
  const child = spawn(process.execPath, [ENTRY], {
    env: {
      ...process.env,
      NODE_ENV: 'demo',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      SANDBOX_PORT: String(await freePort()),
      DEMO_MESSAGE_EVERY_MS: '3600000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`demo did not start in time:\n${output}`)), 90_000);
    const check = () => {
      if (output.includes('Switchboard demo is running.')) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`demo exited (${code}) before it was running:\n${output}`));
    });
  });
  return { child, base: `http://127.0.0.1:${port}`, log: () => output };
}

async function stopDemo(demo: Demo | undefined): Promise<void> {
  if (!demo || demo.child.exitCode !== null || demo.child.signalCode !== null) return;
  await new Promise<void>((done) => {
    demo.child.once('exit', () => done());
    demo.child.kill('SIGTERM');
  });
}

/** What the demo admin sees through the API: departments, numbers, and each number's plugin. */
async function setUp(base: string) {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  expect(login.status).toBe(200);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };
  const departments = (await get<{ items: { key: string }[] }>('/api/departments?limit=200')).items;
  const numbers = (await get<{ items: { id: string; phoneNumberId: string }[] }>('/api/numbers?limit=200'))
    .items;
  const installations =
    await get<{ pluginId: string; numberId: string; enabled: boolean }[]>('/api/plugin-installations');
  const plugins = Object.fromEntries(
    numbers.map((n) => [
      n.phoneNumberId,
      installations.filter((i) => i.numberId === n.id && i.enabled).map((i) => i.pluginId),
    ]),
  );
  return {
    departments: departments.map((d) => d.key).sort(),
    numbers: numbers.map((n) => n.phoneNumberId).sort(),
    plugins,
  };
}

describe('the demo started twice on the same data', () => {
  let db: TestDatabase;
  let demo: Demo | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('sbdemo');
  });
  afterAll(async () => {
    await stopDemo(demo);
    await db?.drop();
  });

  it('sets up every department, number and plugin on the first start and finds them all on the second', async () => {
    const expected = {
      departments: [...DEPARTMENTS].sort(),
      numbers: Object.values(NUMBERS).sort(),
      plugins: Object.fromEntries(
        Object.entries(NUMBERS).map(([key, id]) => [id, [PLUGINS[key as keyof typeof PLUGINS]]]),
      ),
    };
    demo = await startDemo(db.url);
    expect(await setUp(demo.base)).toEqual(expected);
    await stopDemo(demo);

    demo = await startDemo(db.url);
    expect(await setUp(demo.base)).toEqual(expected);
    await stopDemo(demo);

    // Found again, not created twice.
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      const counts = await pg.query<{ departments: number; numbers: number }>(
        `select (select count(*) from departments where key = any($1))::int as departments,
                (select count(*) from whatsapp_numbers)::int as numbers`,
        [DEPARTMENTS],
      );
      expect(counts.rows[0]).toEqual({ departments: 3, numbers: 3 });
    } finally {
      await pg.end();
    }
  }, 240_000);
});
