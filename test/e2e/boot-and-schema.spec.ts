import { buildOrmConfig, OutboxEntry } from '@switchboard/engine';
import { CORE_ENTITIES } from '@switchboard/api';
import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { MikroORM } from '@mikro-orm/postgresql';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('boot, schema and secrets', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('committed migrations produce exactly the schema the entities describe', async () => {
    const orm = await MikroORM.init(
      buildOrmConfig({ url: env.runtime.databaseUrl, poolMax: 1, entities: [OutboxEntry, ...CORE_ENTITIES] }),
    );
    try {
      const diff = await orm
        .getSchemaGenerator()
        .getUpdateSchemaSQL({ wrap: false, safe: false, dropTables: false });
      expect(diff.trim()).toBe('');
    } finally {
      await orm.close(true);
    }
  });

  it('stores tokens and secrets sealed, never in clear', async () => {
    const rows = await env.query<Record<string, string>>('select * from whatsapp_numbers');
    const dump = JSON.stringify(rows);
    expect(rows).toHaveLength(3);
    expect(dump).not.toContain('test-access-token');
    expect(dump).not.toContain('test-app-secret');
    expect(dump).not.toContain('test-verify-');
  });

  it('queue and outbox payloads carry ids only', async () => {
    const { wamid } = await env.sandbox.customer('5511966660001').image({ caption: 'segredo do cliente' });
    const outbox = await waitFor(
      () => env.query<{ data: Record<string, string> }>('select data from outbox'),
      { what: 'outbox entry' },
    );
    for (const row of outbox) expect(Object.keys(row.data).sort()).toEqual(['messageId', 'numberId']);
    expect(JSON.stringify(outbox)).not.toContain('segredo');
    expect(JSON.stringify(outbox)).not.toContain(wamid);
  });

  it('invalid configuration stops boot with the key and the reason', () => {
    const entry = 'dist/apps/api/src/main.js';
    expect(existsSync(entry), 'run npm run build first (npm test does)').toBe(true);
    const r = spawnSync(process.execPath, [entry], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: 'eighty',
        SWITCHBOARD__WORKER__CONCURRENCY: '0',
        DATABASE_URL: env.runtime.databaseUrl,
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Invalid configuration');
    expect(r.stderr).toContain('server.port');
    expect(r.stderr).toContain('worker.concurrency');
  });
});
