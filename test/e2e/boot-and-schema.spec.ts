import { buildOrmConfig, ENGINE_ENTITIES } from '@switchboard/engine';
import { CORE_ENTITIES } from '@switchboard/api';
import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { MikroORM } from '@mikro-orm/postgresql';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('boot, schema and secrets', () => {
  let env: TestEnvironment;
  const webDist = join(mkdtempSync(join(tmpdir(), 'sb-web-')), 'dist');
  beforeAll(async () => {
    // The web app is served from a build; this suite uses a minimal one so it does not depend on building it.
    mkdirSync(webDist, { recursive: true });
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><div id="app"></div>');
    env = await createTestEnvironment({ config: { server: { webDist } } });
  });
  afterAll(async () => {
    await env?.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  it('committed migrations produce exactly the schema the entities describe', async () => {
    const orm = await MikroORM.init(
      buildOrmConfig({
        url: env.runtime.databaseUrl,
        poolMax: 1,
        entities: [...ENGINE_ENTITIES, ...CORE_ENTITIES],
        ignoreSchemas: [env.runtime.config.queue.postgresSchema],
      }),
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

  it('serves the web app at / and for deep links, but never instead of the API', async () => {
    const root = await env.api().get('/').set('Accept', 'text/html').set('Authorization', '').expect(200);
    expect(root.text).toContain('<div id="app">');
    const deep = await env
      .api()
      .get('/inbox')
      .set('Accept', 'text/html')
      .set('Authorization', '')
      .expect(200);
    expect(deep.text).toBe(root.text);
    await env.api().get('/api/nope').set('Accept', 'text/html').expect(404);
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
