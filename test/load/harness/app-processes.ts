/**
 * The built api and worker as separate processes on one benchmark database, as the SLA and assignment benchmarks
 * run them: queues prefixed with the database's name, no Redis, no plugins.
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

/**
 * Starts the api and the worker (`env` adds to their configuration) and resolves once the api answers ready. A
 * process exiting before stop() is reported on stderr: that run is not valid.
 */
export async function startApp(
  database: TestDatabase,
  env: Record<string, string> = {},
): Promise<AppProcesses> {
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
  const api = start('dist/apps/api/src/main.js', config);
  const worker = start('dist/apps/worker/src/main.js', config);
  const stop = async () => {
    finishing = true;
    for (const child of [api, worker]) if (child.exitCode === null) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
  };
  for (const [name, child] of Object.entries({ api, worker }))
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
      60_000,
      'api ready',
    );
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, api, worker, stop };
}
