import { createTestDatabase, freePort, TestDatabase, waitFor } from '@switchboard/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The built api, run as in production with debug logging, is put through sign-ins, failures, refreshes and API
 * token use; nothing secret may appear in what it prints, and the database keeps only hashes.
 */
describe('no secret in logs, responses or the database', () => {
  const ADMIN = { email: 'root@logs.switchboard', password: 'root-password-never-logged' };
  let db: TestDatabase;
  let api: ChildProcess;
  let output = '';
  let url = '';

  beforeAll(async () => {
    const entry = 'dist/apps/api/src/main.js';
    expect(existsSync(entry), 'run npm run build first (npm test does)').toBe(true);
    db = await createTestDatabase('sblogs');
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    api = spawn(process.execPath, [entry], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'debug',
        PORT: String(port),
        DATABASE_URL: db.url,
        REDIS_URL: '',
        SWITCHBOARD_ADMIN_EMAIL: ADMIN.email,
        SWITCHBOARD_ADMIN_PASSWORD: ADMIN.password,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    api.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    api.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    await waitFor(
      () =>
        request(url)
          .get('/health/ready')
          .then((r) => r.status === 200)
          .catch(() => false),
      { timeoutMs: 60_000, what: 'api ready' },
    );
  });
  afterAll(async () => {
    if (api && api.exitCode === null) {
      await new Promise<void>((done) => {
        api.once('exit', () => done());
        api.kill('SIGTERM');
      });
    }
    await db?.drop();
  });

  it('prints no password, hash, access token, refresh token or API token', async () => {
    const secrets: string[] = [ADMIN.password, 'wrong-password-also-secret', 'new-user-password-123'];
    await request(url).post('/api/auth/login').send({ email: ADMIN.email, password: secrets[1] }).expect(401);
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
    await request(url).post('/api/auth/refresh').set('Cookie', cookie.split(';')[0]).expect(401); // reuse: all out

    const again = await request(url).post('/api/auth/login').send(ADMIN).expect(200);
    secrets.push(again.body.accessToken);
    const auth = { Authorization: `Bearer ${again.body.accessToken}` };
    const user = await request(url)
      .post('/api/users')
      .set(auth)
      .send({ email: 'new@logs.switchboard', name: 'New', password: secrets[2] })
      .expect(201);
    const token = await request(url)
      .post('/api/api-tokens')
      .set(auth)
      .send({ name: 'logs', permissions: ['audit.read'], allDepartments: true })
      .expect(201);
    secrets.push(token.body.token);
    await request(url)
      .get('/api/audit-events')
      .set('Authorization', `Bearer ${token.body.token}`)
      .expect(200);
    await request(url)
      .get('/api/audit-events')
      .set('Authorization', `Bearer ${token.body.token}x`)
      .expect(401);
    await request(url)
      .get('/api/users')
      .set('Authorization', `Bearer ${access.slice(0, -3)}abc`)
      .expect(401);

    // A TOTP seed is shown once, at setup, and never again: not in logs, lists or the database in clear.
    const setup = await request(url).post('/api/auth/mfa/setup').set(auth).expect(200);
    secrets.push(setup.body.secret);
    const created = [user, token].map((r) => JSON.stringify(r.body));
    const reads = [
      await request(url).get('/api/users').set(auth).expect(200),
      await request(url).get('/api/auth/me').set(auth).expect(200),
      await request(url).get('/api/api-tokens').set(auth).expect(200),
      await request(url).get('/api/audit-events?limit=200').set(auth).expect(200),
    ].map((r) => JSON.stringify(r.body));
    for (const body of [...created, ...reads])
      expect(body).not.toMatch(/argon2|passwordHash|password_hash|tokenHash|token_hash|mfaSecret|mfa_secret/);
    // Shown once at creation, never again.
    for (const body of reads) for (const s of secrets) expect(body).not.toContain(s);

    // Give the logger a moment to flush, then look at everything the process printed.
    await new Promise((r) => setTimeout(r, 300));
    expect(output.length).toBeGreaterThan(0);
    for (const s of secrets) expect(output, `a secret reached the logs`).not.toContain(s);
    expect(output).not.toContain('$argon2');

    const { Client } = await import('pg');
    const c = new Client({ connectionString: db.url });
    await c.connect();
    try {
      const dump = JSON.stringify(
        (
          await c.query(
            `select (select json_agg(s) from sessions s) as s, (select json_agg(t) from api_tokens t) as t,
                    (select json_agg(u) from users u) as u,
                    (select json_agg(a) from audit_events a) as a, (select json_agg(l) from login_attempts l) as l`,
          )
        ).rows,
      );
      for (const s of secrets) expect(dump).not.toContain(s);
    } finally {
      await c.end();
    }
  });
});
