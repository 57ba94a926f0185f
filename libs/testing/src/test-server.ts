import { startEmbeddedPostgres } from '@switchboard/engine';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './free-port';

const LOCAL_SERVER = 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestServer {
  /** Admin URL (database `postgres`) the tests create their databases on. */
  url: string;
  /** True when the suite started its own embedded PostgreSQL. */
  embedded: boolean;
  stop(): Promise<void>;
}

async function reachable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The PostgreSQL server for a test run: TEST_DATABASE_URL when set (it must answer), else the local server on
 * 127.0.0.1:5432, else an embedded PostgreSQL from the npm package, so a machine with only Node runs the suite.
 */
export async function ensureTestServer(
  { configured, local }: { configured?: string; local: string } = {
    configured: process.env.TEST_DATABASE_URL,
    local: LOCAL_SERVER,
  },
): Promise<TestServer> {
  if (configured) {
    if (!(await reachable(configured)))
      throw new Error(
        'TEST_DATABASE_URL is set but no PostgreSQL answers there; unset it to use an embedded one',
      );
    return { url: configured, embedded: false, stop: async () => undefined };
  }
  if (await reachable(local)) return { url: local, embedded: false, stop: async () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'sb-test-pg-'));
  // PostgreSQL runs as its own OS user when we are root: it must be able to reach the data folder.
  chmodSync(dir, 0o755);
  const database = await startEmbeddedPostgres(join(dir, 'data'), await freePort());
  const url = new URL(database.url);
  url.pathname = '/postgres';
  return {
    url: url.toString(),
    embedded: true,
    stop: async () => {
      await database.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
