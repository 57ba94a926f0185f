import { createApp, CORE_ENTITIES } from '@switchboard/api';
import { WhatsappNumberService } from '@switchboard/channels';
import { loadConfig, prepareRuntime } from '@switchboard/engine';
import { DepartmentSetupService } from '@switchboard/pipelines';
import { createTestDatabase, freePort, TestDatabase, waitFor } from '@switchboard/testing';
import { SandboxHandle, startSandbox } from '@switchboard/wa-sandbox';
import { ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { localOidcAuth, MiniBrowser, startOidcProvider, TestAccount } from './support/oidc-test-provider';

/**
 * The built api, run as in production with debug logging, is put through sign-ins, failures, refreshes, API token
 * use, signed webhooks, Graph sends (one answered 190), media downloads, an OpenID Connect sign-in and plugin
 * credentials. No secret may appear in what it prints, in any answer it gives, or anywhere in its database: job
 * payloads (BullMQ's tables), the outbox and the rest keep ids and hashes, and credentials only encrypted.
 */
describe('no secret in logs, responses, job data or the database', () => {
  const ADMIN = { email: 'root@logs.switchboard', password: 'root-password-never-logged' };
  const APP_SECRET = 'app-secret-never-logged-7f3a91';
  const ACCESS_TOKEN = 'EAAGaccess-token-never-logged-91c2d7';
  const VERIFY_TOKEN = 'verify-token-never-logged-40b1';
  const CLIENT_SECRET = 'oidc-client-secret-never-logged-55e1';
  const PLUGIN_SECRET = 'plugin-credential-never-logged-3b9d';
  const NUMBER = {
    phoneNumberId: '109000000000001',
    displayPhoneNumber: '15550009001',
    wabaId: '209000000000001',
    accessToken: ACCESS_TOKEN,
    appSecret: APP_SECRET,
    verifyToken: VERIFY_TOKEN,
  };
  const CUSTOMER = '5511955550001';

  let db: TestDatabase;
  let api: ChildProcess;
  let sandbox: SandboxHandle;
  let oidc: { issuer: string; close(): Promise<void> };
  let configDir = '';
  let output = '';
  let url = '';
  let numberId = '';
  let exited: Promise<void>;
  /** Every answer the api gave in these tests, headers included. */
  const answers: string[] = [];
  /** Secrets that came into being while the tests ran (tokens, TOTP seeds). */
  const secrets: string[] = [
    ADMIN.password,
    APP_SECRET,
    ACCESS_TOKEN,
    VERIFY_TOKEN,
    CLIENT_SECRET,
    PLUGIN_SECRET,
  ];
  const keep = (r: request.Response) => {
    answers.push(`${JSON.stringify(r.headers)}\n${r.text ?? ''}`);
    return r;
  };

  const query = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const c = new Client({ connectionString: db.url });
    await c.connect();
    try {
      return (await c.query(sql, params)).rows as T[];
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    const entry = 'dist/apps/api/src/main.js';
    expect(existsSync(entry), 'run npm run build first (npm test does)').toBe(true);
    db = await createTestDatabase('sblogs');
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;

    sandbox = await startSandbox({
      numbers: [{ ...NUMBER, webhookUrl: `${url}/webhooks/whatsapp` }],
      statusDelaysMs: { sent: 20, delivered: 40, read: -1 },
      webhookRetry: { initialDelayMs: 100, maxDelayMs: 1000, maxAgeMs: 60_000 },
    });
    const oidcPort = await freePort();
    oidc = await startOidcProvider({
      port: oidcPort,
      clientSecret: CLIENT_SECRET,
      redirectUris: [`${url}/api/auth/oidc/corp/callback`],
      accounts: new Map<string, TestAccount>([
        ['dana-sub', { email: 'dana@corp.example', email_verified: true, name: 'Dana', groups: [] }],
      ]),
    });

    // The number is registered the way the demo does it, through the number service, before the api starts.
    const setupConfig = loadConfig({
      env: { ...process.env, NODE_ENV: 'test' },
      overrides: { database: { url: db.url, poolMax: 2 }, queue: { redisUrl: '' }, server: { port: 0 } },
    });
    const runtime = await prepareRuntime(setupConfig, { entities: CORE_ENTITIES, migrate: true });
    const setup = await createApp(runtime, { worker: false });
    try {
      const dept = await setup.get(DepartmentSetupService).ensure('sales', 'Sales');
      numberId = (
        await setup.get(WhatsappNumberService).upsert({
          ...NUMBER,
          departmentId: dept.id,
          graphBaseUrl: sandbox.url,
          graphVersion: sandbox.graphVersion,
        })
      ).id;
    } finally {
      await setup.close();
      await runtime.shutdown();
    }

    // The api's own config: the test profile plus a single sign-on provider and a plugin that takes a credential.
    configDir = mkdtempSync(join(tmpdir(), 'sb-logs-config-'));
    copyFileSync('config/default.yaml', join(configDir, 'default.yaml'));
    const profile = (parse(readFileSync('config/test.yaml', 'utf8')) ?? {}) as Record<string, unknown>;
    writeFileSync(
      join(configDir, 'test.yaml'),
      stringify({
        ...profile,
        auth: localOidcAuth([
          {
            id: 'corp',
            name: 'Corp SSO',
            issuer: oidc.issuer,
            clientSecret: CLIENT_SECRET,
            scopes: 'openid email profile',
          },
        ]),
        plugins: { enabled: ['./dist/test/fixtures/plugins/context'] },
      }),
    );

    api = spawn(process.execPath, [entry], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'debug',
        // The queue consumers run in the same process, so webhooks are processed and replies sent.
        SWITCHBOARD_ROLE: 'all',
        PORT: String(port),
        DATABASE_URL: db.url,
        REDIS_URL: '',
        SWITCHBOARD_CONFIG_DIR: configDir,
        SWITCHBOARD_ADMIN_EMAIL: ADMIN.email,
        SWITCHBOARD_ADMIN_PASSWORD: ADMIN.password,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    api.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    api.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    // Everything it printed has arrived once the process has exited and both pipes are closed.
    const closed = (s: NodeJS.ReadableStream | null) =>
      new Promise<void>((done) => (s ? s.once('close', () => done()) : done()));
    exited = Promise.all([
      new Promise<void>((done) => api.once('exit', () => done())),
      closed(api.stdout),
      closed(api.stderr),
    ]).then(() => undefined);
    await waitFor(
      () =>
        request(url)
          .get('/health/ready')
          .then((r) => r.status === 200)
          .catch(() => false),
      { timeoutMs: 60_000, what: 'api ready' },
    );
    // BullMQ removes finished jobs: a trigger keeps a copy of every job row as it is written, for the final check.
    await waitFor(async () => (await query(`select to_regclass('bullmq.job') as t`))[0].t !== null, {
      what: 'the queue tables',
    });
    await query(`
      create schema capture;
      create table capture.job_rows as select * from bullmq.job with no data;
      create function capture.keep_job() returns trigger language plpgsql as
        $$ begin insert into capture.job_rows select (new).*; return new; end $$;
      create trigger keep_job after insert or update on bullmq.job for each row execute function capture.keep_job();`);
  });
  afterAll(async () => {
    if (api && api.exitCode === null) {
      api.kill('SIGTERM');
      await exited;
    }
    await oidc?.close();
    await sandbox?.close();
    await db?.drop();
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  });

  let auth: { Authorization: string };

  it('keeps passwords, hashes, access, refresh and API tokens and TOTP seeds out of answers', async () => {
    const wrong = 'wrong-password-also-secret';
    const newPassword = 'new-user-password-123';
    secrets.push(wrong, newPassword);
    keep(
      await request(url).post('/api/auth/login').send({ email: ADMIN.email, password: wrong }).expect(401),
    );
    // Answers that issue a secret show it once, by design: they are not kept; every other answer is.
    const login = await request(url).post('/api/auth/login').send(ADMIN).expect(200);
    const access = login.body.accessToken as string;
    const cookie = ([] as string[])
      .concat(login.headers['set-cookie'])
      .find((c) => c.startsWith('sb_refresh='))!;
    const refreshToken = cookie.split(';')[0].slice('sb_refresh='.length);
    secrets.push(access, refreshToken);
    const refreshed = await request(url)
      .post('/api/auth/refresh')
      .set('Cookie', cookie.split(';')[0])
      .expect(200);
    secrets.push(refreshed.body.accessToken);
    keep(await request(url).post('/api/auth/refresh').set('Cookie', cookie.split(';')[0]).expect(401)); // reuse: all out

    const again = await request(url).post('/api/auth/login').send(ADMIN).expect(200);
    secrets.push(again.body.accessToken);
    auth = { Authorization: `Bearer ${again.body.accessToken}` };
    const user = await request(url)
      .post('/api/users')
      .set(auth)
      .send({ email: 'new@logs.switchboard', name: 'New', password: newPassword })
      .expect(201);
    const token = await request(url)
      .post('/api/api-tokens')
      .set(auth)
      .send({ name: 'logs', permissions: ['audit.read'], allDepartments: true })
      .expect(201);
    secrets.push(token.body.token);
    keep(
      await request(url)
        .get('/api/audit-events')
        .set('Authorization', `Bearer ${token.body.token}`)
        .expect(200),
    );
    keep(
      await request(url)
        .get('/api/audit-events')
        .set('Authorization', `Bearer ${token.body.token}x`)
        .expect(401),
    );
    keep(
      await request(url)
        .get('/api/users')
        .set('Authorization', `Bearer ${access.slice(0, -3)}abc`)
        .expect(401),
    );

    // A TOTP seed is shown once, at setup, and never again: not in logs, lists or the database in clear.
    const setup = await request(url).post('/api/auth/mfa/setup').set(auth).expect(200);
    secrets.push(setup.body.secret);
    const created = [user, token].map((r) => JSON.stringify(r.body));
    const reads = [
      await request(url).get('/api/users').set(auth).expect(200),
      await request(url).get('/api/auth/me').set(auth).expect(200),
      await request(url).get('/api/api-tokens').set(auth).expect(200),
      await request(url).get('/api/audit-events?limit=200').set(auth).expect(200),
    ].map((r) => keep(r).text);
    for (const body of [...created, ...reads])
      expect(body).not.toMatch(/argon2|passwordHash|password_hash|tokenHash|token_hash|mfaSecret|mfa_secret/);
    // Shown once at creation, never again.
    for (const body of reads) for (const s of secrets) expect(body).not.toContain(s);
  });

  it('drives signed webhooks, media downloads, Graph sends with a 190, single sign-on and plugin credentials', async () => {
    // Webhook verification (the verify token is checked, only the challenge echoed) and one with a bad signature.
    keep(
      await request(url)
        .get('/webhooks/whatsapp')
        .query({ 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '8231' })
        .expect(200),
    );
    keep(
      await request(url)
        .get('/webhooks/whatsapp')
        .query({ 'hub.mode': 'subscribe', 'hub.verify_token': 'not-it', 'hub.challenge': '8232' }),
    );
    const customer = sandbox.customer(CUSTOMER, { phoneNumberId: NUMBER.phoneNumberId });
    const bad = await customer.send({ type: 'text', body: 'forged' }, { retry: false, signature: 'bad' });
    expect(bad.result.status).toBe(401);

    // Signed deliveries: a text and a document, whose media the api downloads from Graph with the access token.
    await customer.text('olá');
    const { wamid } = await customer.document({
      filename: 'contrato.pdf',
      mimeType: 'application/pdf',
      bytes: Buffer.from('%PDF-1.4 logs'),
    });
    const conversationId = (
      await waitFor(
        async () =>
          (
            await query<{ conversation_id: string }>(
              `select conversation_id from messages where wamid = $1 and media->>'state' = 'stored'`,
              [wamid],
            )
          )[0],
        { what: 'the document downloaded and stored' },
      )
    ).conversation_id;

    // A Graph send that succeeds, then one answered 190 (invalid token).
    const reply = async (text: string) =>
      keep(
        await request(url)
          .post(`/api/conversations/${conversationId}/messages`)
          .set(auth)
          .send({ type: 'text', text })
          .expect(202),
      ).body.id as string;
    const sent = await reply('resposta enviada');
    await waitFor(
      async () =>
        (await query<{ status: string }>('select status from messages where id = $1', [sent]))[0]?.status ===
        'delivered',
      { what: 'the reply delivered (statuses signed and processed)' },
    );
    sandbox.setTokenValid(NUMBER.phoneNumberId, false);
    const refused = await reply('esta falha com 190');
    await waitFor(
      async () =>
        (await query<{ status: string }>('select status from messages where id = $1', [refused]))[0]
          ?.status === 'failed',
      { what: 'the send answered 190 recorded as failed' },
    );

    // Single sign-on against a real OpenID Connect provider: the client secret goes to its token endpoint only.
    const browser = new MiniBrowser();
    const signedIn = await browser.signIn(`${url}/api/auth/oidc/corp/start`, 'dana-sub', 'localhost');
    answers.push(`${signedIn.location ?? ''}\n${signedIn.body}`);
    expect(signedIn.status).toBe(303);
    const ssoRefresh = browser.cookie('127.0.0.1', 'sb_refresh');
    expect(ssoRefresh, 'a refresh cookie after single sign-on').toBeTruthy();
    secrets.push(ssoRefresh!);
    keep(await request(url).get('/api/auth/providers').expect(200));

    // A plugin credential, set through the installation API and used by the plugin's hook.
    keep(
      await request(url)
        .put(`/api/numbers/${numberId}/plugins/fixture-context`)
        .set(auth)
        .send({ enabled: true, credentials: { apiKey: PLUGIN_SECRET } })
        .expect(200),
    );
    sandbox.setTokenValid(NUMBER.phoneNumberId, true);
    await customer.text('secret');
    const used = await waitFor(
      async () =>
        (
          await query<{ value: string }>(
            `select value #>> '{}' as value from plugin_store where plugin_id = 'fixture-context' and key = 'last:secret'`,
          )
        )[0]?.value,
      { what: 'the plugin read its credential' },
    );
    expect(used).toBe(`length ${PLUGIN_SECRET.length}`);

    // Everything an operator can read back about these.
    for (const path of [
      `/api/conversations/${conversationId}/messages`,
      `/api/conversations/${conversationId}`,
      '/api/inbound-events?limit=200',
      '/api/plugin-installations',
      '/api/plugins',
      '/api/plugin-hook-failures',
      '/api/audit-events?limit=200',
      '/api/users',
    ])
      keep(await request(url).get(path).set(auth).expect(200));
    const events = (await request(url).get('/api/inbound-events?limit=200').set(auth)).body.items as {
      id: string;
    }[];
    for (const e of events) keep(await request(url).get(`/api/inbound-events/${e.id}`).set(auth).expect(200));
  });

  it("reads and changes a number's health, alerts, account events, templates, consent and archive state", async () => {
    sandbox.setTokenValid(NUMBER.phoneNumberId, true);
    // An account event (signed with the app secret) for the number's history and the account-events list.
    await sandbox.accountEvent('phone_number_quality_update', {
      phoneNumberId: NUMBER.phoneNumberId,
      event: 'FLAGGED',
      qualityRating: 'RED',
    });
    await waitFor(
      async () =>
        (
          await query<{ n: number }>(
            `select count(*)::int as n from whatsapp_account_events where field = 'phone_number_quality_update'`,
          )
        )[0].n > 0,
      { what: 'the account event recorded' },
    );
    const [{ id: contactId }] = await query<{ id: string }>('select id from contacts where wa_id = $1', [
      CUSTOMER,
    ]);
    // Answers of routes that call Graph with the access token, or read what was stored from its calls.
    keep(await request(url).post(`/api/numbers/${numberId}/connection-test`).set(auth));
    keep(await request(url).post(`/api/numbers/${numberId}/templates/sync`).set(auth).expect(200));
    keep(
      await request(url)
        .post(`/api/numbers/${numberId}/templates`)
        .set(auth)
        .send({
          name: 'logs_notice',
          language: 'en_US',
          category: 'UTILITY',
          components: [
            { type: 'BODY', text: 'Your order {{1}} is ready.', example: { body_text: [['8841']] } },
          ],
        })
        .expect(201),
    );
    keep(
      await request(url)
        .put(`/api/contacts/${contactId}/marketing-consent`)
        .set(auth)
        .send({ state: 'stopped', note: 'asked by phone' })
        .expect(200),
    );
    keep(await request(url).post(`/api/numbers/${numberId}/archive`).set(auth).expect(200));
    keep(await request(url).post(`/api/numbers/${numberId}/unarchive`).set(auth).expect(200));
    for (const path of [
      `/api/numbers/${numberId}`,
      '/api/numbers',
      `/api/numbers/${numberId}/health`,
      `/api/numbers/${numberId}/events`,
      `/api/numbers/${numberId}/account-events`,
      `/api/numbers/${numberId}/alerts`,
      '/api/alerts',
      `/api/numbers/${numberId}/templates`,
      `/api/contacts/${contactId}/marketing-consent`,
      '/api/departments',
    ])
      keep(await request(url).get(path).set(auth).expect(200));
  });

  it('no secret is in any answer, in the database (job payloads, outbox, every table) or in the logs', async () => {
    for (const a of answers) for (const s of secrets) expect(a, 'a secret in an answer').not.toContain(s);

    // Every row of every table, BullMQ's job and event tables and the outbox included, as text.
    const tables = await query<{ s: string; t: string }>(
      `select table_schema as s, table_name as t from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
    );
    expect(tables.map((t) => `${t.s}.${t.t}`)).toEqual(
      expect.arrayContaining(['public.outbox', 'public.plugin_jobs', 'bullmq.job', 'capture.job_rows']),
    );
    const jobs = await query<{ n: number }>('select count(distinct queue)::int as n from capture.job_rows');
    expect(jobs[0].n, 'jobs of several queues were seen').toBeGreaterThan(2);
    for (const { s, t } of tables) {
      const [{ dump }] = await query<{ dump: string | null }>(
        `select string_agg(x::text, E'\\n') as dump from "${s}"."${t}" x`,
      );
      for (const secret of secrets) expect(dump ?? '', `a secret in ${s}.${t}`).not.toContain(secret);
    }

    // Stop the api: once it has exited and its pipes are closed, everything it printed is in `output`.
    api.kill('SIGTERM');
    await exited;
    expect(output).toContain('Mapped {/api/auth/login, POST} route');
    for (const s of secrets) expect(output, `a secret reached the logs`).not.toContain(s);
    expect(output).not.toContain('$argon2');
  });
});
