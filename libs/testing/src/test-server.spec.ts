import { Client } from 'pg';
import { describe, expect, it } from 'vitest';
import { freePort } from './free-port';
import { ensureTestServer } from './test-server';

describe('ensureTestServer', () => {
  it('starts an embedded PostgreSQL when nothing answers at the local address, and removes it after', async () => {
    const nothing = `postgresql://postgres@127.0.0.1:${await freePort()}/postgres`;
    const server = await ensureTestServer({ configured: undefined, local: nothing });
    expect(server.embedded).toBe(true);
    const client = new Client({ connectionString: server.url });
    await client.connect();
    const { rows } = await client.query<{ ok: number }>('select 1 as ok');
    await client.end();
    expect(rows[0].ok).toBe(1);
    await server.stop();
    const after = new Client({ connectionString: server.url, connectionTimeoutMillis: 2_000 });
    await expect(after.connect()).rejects.toThrow();
  });

  it('refuses a TEST_DATABASE_URL that does not answer instead of silently using another server', async () => {
    const nothing = `postgresql://postgres@127.0.0.1:${await freePort()}/postgres`;
    await expect(ensureTestServer({ configured: nothing, local: nothing })).rejects.toThrow(
      'TEST_DATABASE_URL is set but no PostgreSQL answers',
    );
  });
});
