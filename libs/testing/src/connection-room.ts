import { Client } from 'pg';
import { TEST_SERVER_URL } from './test-database';
import { waitFor } from './wait-for';

/**
 * Waits until the test server has room for `needed` more connections. Two spec files run at once against one server
 * with the default max_connections of 100; an environment (api, worker, queues) holds about 40 and each extra worker
 * process about 20, so a file starting while a multi-process spec is at its peak would be refused connections.
 */
export async function waitForConnectionRoom(
  needed: number,
  what: string,
  timeoutMs = 180_000,
): Promise<void> {
  const client = new Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  try {
    await waitFor(
      async () => {
        const { rows } = await client.query<{ room: number }>(
          `select current_setting('max_connections')::int - (select count(*) from pg_stat_activity)::int as room`,
        );
        return rows[0].room >= needed || null;
      },
      { timeoutMs, intervalMs: 250, what: `room on the database server for ${what} (${needed} connections)` },
    );
  } finally {
    await client.end();
  }
}
