/**
 * The built api and worker as separate processes on one benchmark database, as the SLA and assignment benchmarks
 * run them (the reporting benchmark the api alone): queues prefixed with the database's name, no Redis, no plugins.
 */
import type { TestDatabase } from '@switchboard/testing';
import { freePort } from '@switchboard/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { request } from 'undici';

/** A path from the repository root (this file runs as dist/test/load/harness/*.js). */
export const dist = (p: string) => resolve(__dirname, '../../../..', p);

/** Polls `check` every `pollMs` until it holds; throws naming `what` after `timeoutMs`. */
export async function waitUntil(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
  pollMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  throw new Error(`timed out: ${what}`);
}

function start(entry: string, env: Record<string, string>): ChildProcess {
  // BENCH_PROFILE=dir writes a V8 CPU profile per process, for finding hot spots.
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  return spawn(process.execPath, [...profile, dist(entry)], {
    env: { ...process.env, NODE_ENV: 'bench', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

export interface AppProcesses {
  url: string;
  api: ChildProcess;
  worker: ChildProcess;
  /** SIGTERM to both, then a moment for them to close their connections before the database is dropped. */
  stop(): Promise<void>;
}

/** The api alone (the reporting benchmark reads; nothing runs in the background). */
export type ApiProcess = Omit<AppProcesses, 'worker'>;

/**
 * Starts the named entries on one configuration and resolves once the api answers ready (within `readyTimeoutMs`:
 * a database seeded before a migration gets it at start). A process exiting before stop() is reported on stderr:
 * that run is not valid.
 */
async function launch(
  database: TestDatabase,
  env: Record<string, string>,
  entries: Record<string, string>,
  readyTimeoutMs: number,
): Promise<{ url: string; children: Record<string, ChildProcess>; stop(): Promise<void> }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config: Record<string, string> = {
    DATABASE_URL: database.url,
    PORT: String(port),
    REDIS_URL: '',
    SWITCHBOARD__QUEUE__PREFIX: database.name,
    SWITCHBOARD__PLUGINS__ENABLED: '',
    ...env,
  };
  let finishing = false;
  const children = Object.fromEntries(
    Object.entries(entries).map(([name, entry]) => [name, start(entry, config)]),
  );
  const stop = async () => {
    finishing = true;
    for (const child of Object.values(children)) if (child.exitCode === null) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
  };
  for (const [name, child] of Object.entries(children))
    child.once(
      'exit',
      (code, signal) =>
        finishing || process.stderr.write(`${name} exited (${code ?? signal}): the run is not valid\n`),
    );
  try {
    await waitUntil(
      async () =>
        (await request(`${url}/health/ready`)
          .then((r) => r.body.text().then(() => r.statusCode))
          .catch(() => 0)) === 200,
      readyTimeoutMs,
      'api ready',
    );
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, children, stop };
}

const API = 'dist/apps/api/src/main.js';

/** Starts the api and the worker (`env` adds to their configuration) and resolves once the api answers ready. */
export async function startApp(
  database: TestDatabase,
  env: Record<string, string> = {},
): Promise<AppProcesses> {
  const { url, children, stop } = await launch(
    database,
    env,
    { api: API, worker: 'dist/apps/worker/src/main.js' },
    60_000,
  );
  return { url, api: children.api, worker: children.worker, stop };
}

/** Starts the api alone, as startApp does. */
export async function startApi(
  database: TestDatabase,
  env: Record<string, string> = {},
  readyTimeoutMs = 60_000,
): Promise<ApiProcess> {
  const { url, children, stop } = await launch(database, env, { api: API }, readyTimeoutMs);
  return { url, api: children.api, stop };
}
