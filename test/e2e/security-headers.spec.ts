import { createTestEnvironment, TestEnvironment } from '@switchboard/testing';
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeWamid, messagesEnvelope, unixNow } from './helpers';

/** The built web app (npm test builds it first). */
const WEB_DIST = join(process.cwd(), 'apps/web/dist');

/** What every response must carry, written here from the issue (not read from the product). */
function expectSecurityHeaders(r: Response, what: string) {
  const csp = r.headers['content-security-policy'];
  expect(csp, `${what}: Content-Security-Policy`).toBeDefined();
  const directives = new Map<string, string[]>(
    String(csp)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );
  expect(directives.get('frame-ancestors'), `${what}: frame-ancestors`).toEqual(["'none'"]);
  expect(directives.get('default-src'), `${what}: default-src`).toEqual(["'self'"]);
  // No inline script anywhere: neither 'unsafe-inline' nor 'unsafe-eval', and scripts only from our origin.
  expect(directives.get('script-src'), `${what}: script-src`).toEqual(["'self'"]);
  expect(String(csp), `${what}: no unsafe-*`).not.toMatch(/unsafe-/);
  expect(directives.get('object-src'), `${what}: object-src`).toEqual(["'none'"]);
  expect(r.headers['x-content-type-options'], `${what}: nosniff`).toBe('nosniff');
  expect(r.headers['referrer-policy'], `${what}: Referrer-Policy`).toMatch(
    /^(no-referrer|same-origin|strict-origin)/,
  );
  expect(r.headers['x-frame-options'], `${what}: X-Frame-Options`).toBe('DENY');
  expect(r.headers['x-powered-by'], `${what}: X-Powered-By`).toBeUndefined();
}

function signedDelivery(env: TestEnvironment) {
  const body = JSON.stringify(
    messagesEnvelope(env, 'sales', {
      contacts: [{ profile: { name: 'Headers' }, wa_id: '5511977770001' }],
      messages: [
        { from: '5511977770001', id: fakeWamid(), timestamp: unixNow(), type: 'text', text: { body: 'oi' } },
      ],
    }),
  );
  const signature = `sha256=${createHmac('sha256', env.numbers.sales.appSecret).update(body).digest('hex')}`;
  return { body, signature };
}

describe('security headers behind one trusted proxy', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    expect(existsSync(join(WEB_DIST, 'index.html')), 'run npm run build:web first (npm test does)').toBe(
      true,
    );
    env = await createTestEnvironment({ config: { server: { trustProxyHops: 1, webDist: WEB_DIST } } });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('every kind of response carries them: web app, sign-in pages, assets, API, 404, health, webhook', async () => {
    const html = (path: string) => env.anonymous().get(path).set('Accept', 'text/html');
    const index = await html('/').expect(200);
    expectSecurityHeaders(index, 'GET / (web app)');
    expectSecurityHeaders(await html('/login').expect(200), 'GET /login');
    expectSecurityHeaders(await html('/accept?token=x').expect(200), 'GET /accept');
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(index.text)?.[1];
    expect(asset, 'the built index.html loads a script file').toBeDefined();
    expectSecurityHeaders(await env.anonymous().get(asset!).expect(200), `GET ${asset}`);
    expectSecurityHeaders(await env.api().get('/api/conversations').expect(200), 'GET /api/conversations');
    expectSecurityHeaders(
      await env.anonymous().get('/api/conversations').expect(401),
      'GET /api/conversations (401)',
    );
    expectSecurityHeaders(await env.api().get('/api/nope').expect(404), 'GET /api/nope (404)');
    expectSecurityHeaders(await env.anonymous().get('/health/live').expect(200), 'GET /health/live');
    expectSecurityHeaders(await env.anonymous().get('/health/ready').expect(200), 'GET /health/ready');
    const { body, signature } = signedDelivery(env);
    const post = () => env.anonymous().post('/webhooks/whatsapp').set('Content-Type', 'application/json');
    expectSecurityHeaders(
      await post().set('X-Hub-Signature-256', signature).send(body).expect(200),
      'webhook POST',
    );
    expectSecurityHeaders(
      await post().set('X-Hub-Signature-256', 'sha256=00').send(body).expect(401),
      'webhook POST (bad signature)',
    );
    expectSecurityHeaders(
      await env.anonymous().get('/webhooks/whatsapp').query({ 'hub.mode': 'subscribe' }),
      'webhook handshake',
    );
  });

  it('HSTS only when the trusted proxy says the client came over HTTPS', async () => {
    const https = await env.anonymous().get('/health/live').set('X-Forwarded-Proto', 'https').expect(200);
    expect(https.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
    const api = await env.api().get('/api/conversations').set('X-Forwarded-Proto', 'https').expect(200);
    expect(api.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
    const { body, signature } = signedDelivery(env);
    const hook = await env
      .anonymous()
      .post('/webhooks/whatsapp')
      .set('Content-Type', 'application/json')
      .set('X-Forwarded-Proto', 'https')
      .set('X-Hub-Signature-256', signature)
      .send(body)
      .expect(200);
    expect(hook.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
    const plain = await env.anonymous().get('/health/live').expect(200);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const http = await env.anonymous().get('/health/live').set('X-Forwarded-Proto', 'http').expect(200);
    expect(http.headers['strict-transport-security']).toBeUndefined();
  });

  it('the built web app has no inline script (browser-free check of index.html as built and as served)', async () => {
    const built = readFileSync(join(WEB_DIST, 'index.html'), 'utf8');
    const served = (await env.anonymous().get('/login').set('Accept', 'text/html').expect(200)).text;
    for (const [what, html] of [
      ['built', built],
      ['served', served],
    ] as const) {
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)];
      expect(scripts.length, `${what}: the app is loaded by a script tag`).toBeGreaterThan(0);
      for (const [tag, attributes, content] of scripts) {
        expect(attributes, `${what}: ${tag} loads a file`).toMatch(/\bsrc="\/[^"]+"/);
        expect(content.trim(), `${what}: ${tag} has no inline code`).toBe('');
      }
      expect(html, `${what}: no inline event handlers`).not.toMatch(/\son[a-z]+\s*=/i);
      expect(html, `${what}: no javascript: URLs`).not.toMatch(/javascript:/i);
      expect(html, `${what}: no inline style element`).not.toMatch(/<style\b/i);
    }
  });
});

describe('without a trusted proxy', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    // No queue consumers here: the readiness test cuts the database, and only the HTTP side is under test.
    env = await createTestEnvironment({ worker: false });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('a forged X-Forwarded-Proto from the client does not turn HSTS on', async () => {
    const r = await env.anonymous().get('/health/live').set('X-Forwarded-Proto', 'https').expect(200);
    expect(r.headers['strict-transport-security']).toBeUndefined();
    expectSecurityHeaders(r, 'GET /health/live');
  });

  it('/health/ready answers "database unavailable" without the driver\'s text when the database is gone', async () => {
    const url = new URL(env.runtime.databaseUrl);
    const name = url.pathname.slice(1);
    url.pathname = '/postgres';
    const admin = new Client({ connectionString: url.toString() });
    await admin.connect();
    // Refuse new connections to the app's database and cut the ones it has: the pool's next connect fails with
    // a driver message that names the database.
    await admin.query(`alter database ${name} with allow_connections false`);
    try {
      // The test's own connection (env.query) stays: it is how the test reads the tables.
      const [own] = await env.query<{ pid: number }>('select pg_backend_pid() as pid');
      await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> $2`,
        [name, own.pid],
      );
      const r = await env.anonymous().get('/health/ready').expect(503);
      expect(r.body).toMatchObject({ message: 'database unavailable' });
      expectSecurityHeaders(r, 'GET /health/ready (503)');
      expect(r.text).not.toContain(name);
      expect(r.text).not.toMatch(/connect|terminat|accepting|ECONN|SQLSTATE|postgres/i);
    } finally {
      await admin.query(`alter database ${name} with allow_connections true`);
      await admin.end();
    }
    await env.anonymous().get('/health/ready').expect(200);
  });
});
