import { SecretBox } from '@switchboard/engine';
import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from './helpers';

/** The refresh cookie's value from a Set-Cookie header list. */
function refreshCookie(res: request.Response): string {
  const raw = ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .find((c) => c.startsWith('sb_refresh='));
  if (!raw) throw new Error('no sb_refresh cookie was set');
  return raw.split(';')[0].slice('sb_refresh='.length);
}

describe('sign-in, sessions and user administration', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    // A high address limit: the burst test must meet the e-mail lockout, not the per-address one.
    env = await createTestEnvironment({ config: { auth: { lockoutThreshold: 3, ipFailureLimit: 500 } } });
  });
  afterAll(async () => {
    await env?.close();
  });

  const login = (email: string, password: string) =>
    env.anonymous().post('/api/auth/login').send({ email, password });
  const me = (token: string) => env.anonymous().get('/api/auth/me').set('Authorization', `Bearer ${token}`);
  const refresh = (cookie: string) =>
    env.anonymous().post('/api/auth/refresh').set('Cookie', `sb_refresh=${cookie}`);
  const newUser = async (email: string, memberships: { departmentId: string; role: string }[] = []) => {
    const r = await env
      .api()
      .post('/api/users')
      .send({ email, name: email, password: 'a-long-password-1', memberships })
      .expect(201);
    return r.body as { id: string; email: string };
  };

  describe('login', () => {
    it('returns an access token and sets the refresh token as an httpOnly, SameSite=Strict cookie on /api/auth', async () => {
      const r = await login(env.users.salesAgent.email, env.users.salesAgent.password).expect(200);
      expect(r.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
      expect(r.body.user.memberships).toEqual([
        {
          departmentId: env.numbers.sales.departmentId,
          departmentKey: 'sales',
          departmentName: 'Sales',
          role: 'agent',
        },
      ]);
      const raw = ([] as string[]).concat(r.headers['set-cookie']).find((c) => c.startsWith('sb_refresh='))!;
      expect(raw).toMatch(/HttpOnly/);
      expect(raw).toMatch(/SameSite=Strict/);
      expect(raw).toMatch(/Path=\/api\/auth/);
      expect(r.headers['cache-control']).toBe('no-store');
      expect(JSON.stringify(r.body)).not.toMatch(/argon2|password/i);
      expect(JSON.stringify(r.body)).not.toContain(refreshCookie(r));
      await me(r.body.accessToken).expect(200);
    });

    it('answers a wrong password and an unknown e-mail identically', async () => {
      const wrong = await login(env.users.viewer.email, 'not-the-password').expect(401);
      const unknown = await login('nobody@test.switchboard', 'not-the-password').expect(401);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body.message).toBe('email or password is incorrect');
    });

    it('refuses malformed bodies and unknown fields with 400, before checking credentials', async () => {
      const r1 = await env.anonymous().post('/api/auth/login').send({ email: '  ' }).expect(400);
      expect(r1.body.message).toMatch(/email|password/);
      const r2 = await env
        .anonymous()
        .post('/api/auth/login')
        .send({ email: env.users.admin.email, password: env.users.admin.password, isAdmin: true })
        .expect(400);
      expect(r2.body.message).toContain('isAdmin');
    });

    it('locks an e-mail after repeated failures, even for the right password, and unknown e-mails alike', async () => {
      const user = await newUser('locked@test.switchboard');
      for (let i = 0; i < 3; i++) await login(user.email, 'wrong-password-x').expect(401);
      const locked = await login(user.email, 'a-long-password-1').expect(429);
      expect(locked.body.message).toMatch(/too many failed sign-ins/);
      for (let i = 0; i < 3; i++) await login('ghost@test.switchboard', 'wrong-password-x').expect(401);
      expect((await login('ghost@test.switchboard', 'wrong-password-x').expect(429)).body).toEqual(
        locked.body,
      );
    });

    it('counts a parallel burst of wrong passwords atomically: exactly the threshold gets checked', async () => {
      const user = await newUser('burst@test.switchboard');
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => login(user.email, 'wrong-password-x').then((r) => r.status)),
      );
      expect(answers.filter((s) => s === 401)).toHaveLength(3);
      expect(answers.filter((s) => s === 429)).toHaveLength(47);
      expect(
        await count(env, 'audit_events', `action = 'auth.login.failed' and target_id = $1`, [user.id]),
      ).toBe(3);
      await login(user.email, 'a-long-password-1').expect(429);
    });
  });

  describe('access tokens', () => {
    const key = () => new SecretBox(env.runtime.encryptionKey).deriveKey('switchboard/access-token/v1');
    const sign = (claims: object, options: jwt.SignOptions, secret: Buffer | string = key()) =>
      jwt.sign(claims, secret, { issuer: 'switchboard', audience: 'switchboard-api', ...options });

    it('refuses tampered, unsigned, foreign-key, expired and unknown-session tokens with 401', async () => {
      const good = env.users.viewer.token;
      const tampered = good.slice(0, -2) + (good.endsWith('AA') ? 'BB' : 'AA');
      const [header, payload] = good.split('.');
      const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
      const { sub, sid } = jwt.decode(good) as { sub: string; sid: string };
      const foreign = sign({ sid }, { subject: sub, algorithm: 'HS256' }, 'another-installation-key');
      const expired = sign({ sid }, { subject: sub, algorithm: 'HS256', expiresIn: -10 });
      const unknownSession = sign(
        { sid: '01a20000-0000-7000-8000-000000000000' },
        { subject: sub, algorithm: 'HS256' },
      );
      expect(header).toBeTruthy();
      for (const token of [tampered, none, foreign, expired, unknownSession, 'not-a-jwt', ' ']) {
        const r = await me(token).expect(401);
        expect(r.body.message).toMatch(/access token|session/);
      }
      await me(good).expect(200);
    });
  });

  describe('refresh rotation', () => {
    it('rotates the refresh token, and a reused one signs out the whole login', async () => {
      const first = await login(env.users.salesSupervisor.email, env.users.salesSupervisor.password).expect(
        200,
      );
      const c1 = refreshCookie(first);
      const second = await refresh(c1).expect(200);
      const c2 = refreshCookie(second);
      expect(c2).not.toBe(c1);
      await me(second.body.accessToken).expect(200);

      const reused = await refresh(c1).expect(401);
      expect(reused.body.message).toMatch(/already used/);
      await refresh(c2).expect(401);
      await me(second.body.accessToken).expect(401);
      await me(env.users.salesSupervisor.token).expect(200); // another login of the same user is unaffected
      expect(await count(env, 'audit_events', `action = 'auth.refresh.reused'`)).toBeGreaterThan(0);
    });

    it('refuses a missing, blank or unknown refresh token with 401', async () => {
      expect((await env.anonymous().post('/api/auth/refresh').expect(401)).body.message).toMatch(/missing/);
      await refresh('%20%20').expect(401);
      await refresh('').expect(401);
      expect((await refresh('bm90LWEtdG9rZW4').expect(401)).body.message).toMatch(/not valid/);
    });

    it('logout ends the login: its refresh token and access token stop working', async () => {
      const r = await login(env.users.viewer.email, env.users.viewer.password).expect(200);
      await env
        .anonymous()
        .post('/api/auth/logout')
        .set('Cookie', `sb_refresh=${refreshCookie(r)}`)
        .expect(204);
      await refresh(refreshCookie(r)).expect(401);
      await me(r.body.accessToken).expect(401);
    });

    it('logout-all signs out every session of the user at once', async () => {
      const user = await newUser('everywhere@test.switchboard');
      const a = await login(user.email, 'a-long-password-1').expect(200);
      const b = await login(user.email, 'a-long-password-1').expect(200);
      const r = await env
        .anonymous()
        .post('/api/auth/logout-all')
        .set('Authorization', `Bearer ${a.body.accessToken}`)
        .expect(200);
      expect(r.body.revoked).toBe(2);
      await me(a.body.accessToken).expect(401);
      await me(b.body.accessToken).expect(401);
      await refresh(refreshCookie(b)).expect(401);
    });
  });

  describe('user administration', () => {
    it('refuses mass-assignment fields with 400 naming them, changing nothing', async () => {
      const before = await count(env, 'users');
      for (const extra of [
        { role: 'admin' },
        { passwordHash: '$argon2id$v=19$forged' },
        { departmentId: env.numbers.hr.departmentId },
        { id: '01a20000-0000-7000-8000-000000000001' },
      ]) {
        const r = await env
          .api()
          .post('/api/users')
          .send({ email: 'mass@test.switchboard', name: 'Mass', password: 'a-long-password-1', ...extra })
          .expect(400);
        expect(r.body.message).toContain(Object.keys(extra)[0]);
      }
      expect(await count(env, 'users')).toBe(before);

      const target = env.users.viewer.id;
      const hashBefore = await env.query<{ password_hash: string }>(
        'select password_hash from users where id = $1',
        [target],
      );
      await env.api().patch(`/api/users/${target}`).send({ passwordHash: 'x' }).expect(400);
      await env.api().patch(`/api/users/${target}`).send({ name: 'V', role: 'admin' }).expect(400);
      await env.api().patch(`/api/users/${target}`).send({}).expect(400);
      expect(await env.query('select password_hash from users where id = $1', [target])).toEqual(hashBefore);
    });

    it('applies a role change on the very next request', async () => {
      const user = await newUser('mover@test.switchboard', [
        { departmentId: env.numbers.sales.departmentId, role: 'agent' },
      ]);
      const { wamid } = await env.sandbox.customer('5511933330001').text('mudança de setor');
      const row = await waitFor(
        async () =>
          (
            await env.query<{ id: string }>(
              'select c.id from conversations c join messages m on m.conversation_id = c.id where m.wamid = $1',
              [wamid],
            )
          )[0],
      );
      const token = (await login(user.email, 'a-long-password-1').expect(200)).body.accessToken as string;
      const read = () =>
        env.anonymous().get(`/api/conversations/${row.id}`).set('Authorization', `Bearer ${token}`);
      await read().expect(200);
      const changed = await env
        .api()
        .patch(`/api/users/${user.id}`)
        .send({ memberships: [{ departmentId: env.numbers.support.departmentId, role: 'agent' }] })
        .expect(200);
      expect(changed.body.memberships).toEqual([
        {
          departmentId: env.numbers.support.departmentId,
          departmentKey: 'support',
          departmentName: 'Support',
          role: 'agent',
        },
      ]);
      await read().expect(404);
      const audit = await env.query<{ details: { before: { memberships: unknown[] } } }>(
        `select details from audit_events where action = 'user.roles.changed' and target_id = $1`,
        [user.id],
      );
      expect(audit).toHaveLength(1);
      expect(audit[0].details.before.memberships).toHaveLength(1);
    });

    it('disabling a user signs them out and stops their logins', async () => {
      const user = await newUser('leaver@test.switchboard');
      const token = (await login(user.email, 'a-long-password-1').expect(200)).body.accessToken as string;
      await env.api().patch(`/api/users/${user.id}`).send({ status: 'disabled' }).expect(200);
      await me(token).expect(401);
      await login(user.email, 'a-long-password-1').expect(401);
    });

    it('keeps at least one active admin', async () => {
      const r = await env
        .api()
        .patch(`/api/users/${env.users.admin.id}`)
        .send({ isAdmin: false })
        .expect(409);
      expect(r.body.message).toMatch(/last active admin/);
    });

    it('refuses unknown departments and non-admins', async () => {
      const r = await env
        .api()
        .post('/api/users')
        .send({
          email: 'x@test.switchboard',
          name: 'X',
          password: 'a-long-password-1',
          memberships: [{ departmentId: '01a20000-0000-7000-8000-000000000009', role: 'agent' }],
        })
        .expect(400);
      expect(r.body.message).toMatch(/unknown department/);
      await env.as('salesSupervisor').get('/api/users').expect(403);
      await env
        .as('salesSupervisor')
        .post('/api/users')
        .send({ email: 'y@test.switchboard', name: 'Y', password: 'a-long-password-1', isAdmin: true })
        .expect(403);
      expect(await count(env, 'users', `email = 'y@test.switchboard'`)).toBe(0);
    });
  });

  describe('invitations and password reset', () => {
    const accept = (token: string, password: string) =>
      env.anonymous().post('/api/auth/accept').send({ token, password });

    it('invites a user without a password through a single-use link', async () => {
      const made = await env
        .api()
        .post('/api/users')
        .send({ email: 'invited@test.switchboard', name: 'Invited' })
        .expect(201);
      const { token, path } = made.body.invitation as { token: string; path: string };
      expect(path).toBe(`/accept?token=${token}`);
      expect(JSON.stringify(await env.query('select * from user_tokens'))).not.toContain(token);
      await login('invited@test.switchboard', 'chosen-password-1').expect(401);
      expect((await accept(token, 'short').expect(400)).body.message).toMatch(/at least 12/);
      await accept(token, 'chosen-password-1').expect(204);
      await login('invited@test.switchboard', 'chosen-password-1').expect(200);
      expect((await accept(token, 'another-password-2').expect(400)).body.message).toMatch(/already used/);
      await env.api().post(`/api/users/${made.body.id}/invitation`).expect(409);
    });

    it('refuses empty, whitespace, unknown and expired links alike', async () => {
      expect((await accept('', 'chosen-password-1').expect(400)).body.message).toBe('token is required');
      expect((await accept('   ', 'chosen-password-1').expect(400)).body.message).toBe('token is required');
      await env.anonymous().post('/api/auth/accept').send({ password: 'chosen-password-1' }).expect(400);
      const unknown = await accept('bm90LWEtbGluaw', 'chosen-password-1').expect(400);
      const user = await newUser('expiring@test.switchboard');
      const { token } = (await env.api().post(`/api/users/${user.id}/password-reset`).expect(201)).body;
      await env.query(`update user_tokens set expires_at = now() - interval '1 second' where user_id = $1`, [
        user.id,
      ]);
      expect((await accept(token, 'chosen-password-1').expect(400)).body).toEqual(unknown.body);
    });

    it('a reset sets the new password, voids older links and signs out every session', async () => {
      const user = await newUser('forgetful@test.switchboard');
      const session = (await login(user.email, 'a-long-password-1').expect(200)).body.accessToken as string;
      const first = (await env.api().post(`/api/users/${user.id}/password-reset`).expect(201)).body.token;
      const second = (await env.api().post(`/api/users/${user.id}/password-reset`).expect(201)).body.token;
      await accept(first, 'replaced-password-1').expect(400);
      await accept(second, 'replaced-password-1').expect(204);
      await me(session).expect(401);
      await login(user.email, 'a-long-password-1').expect(401);
      await login(user.email, 'replaced-password-1').expect(200);
      const actions = await env.query<{ action: string }>(
        `select action from audit_events where target_id = $1 order by at`,
        [user.id],
      );
      expect(actions.map((a) => a.action)).toEqual(
        expect.arrayContaining(['user.password_reset.issued', 'user.password.reset']),
      );
    });
  });

  describe('audit log', () => {
    it('records sign-ins and administrative changes, readable by admins only', async () => {
      const page = await env.api().get('/api/audit-events?limit=200').expect(200);
      const actions = new Set((page.body.items as { action: string }[]).map((e) => e.action));
      for (const a of ['auth.login.succeeded', 'auth.login.failed', 'user.created', 'user.roles.changed'])
        expect(actions).toContain(a);
      const failed = await env.api().get('/api/audit-events?action=auth.login.failed&limit=5').expect(200);
      expect(failed.body.items[0]).toMatchObject({ actorType: 'anonymous', ip: expect.any(String) });
      expect(JSON.stringify(page.body)).not.toMatch(/argon2|a-long-password|test-password/);
      await env.as('salesAgent').get('/api/audit-events').expect(403);
      await env.as('viewer').get('/api/audit-events').expect(403);
    });

    it('is append-only, even for direct SQL', async () => {
      await expect(env.query(`update audit_events set action = 'forged'`)).rejects.toThrow(/append-only/);
      await expect(env.query('delete from audit_events')).rejects.toThrow(/append-only/);
      await expect(env.query('truncate audit_events')).rejects.toThrow(/append-only/);
    });
  });
});

describe('sign-in rate limit per client address', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment({ config: { auth: { ipFailureLimit: 4 } } });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('cannot be reset with a forged X-Forwarded-For', async () => {
    for (let i = 0; i < 4; i++) {
      await env
        .anonymous()
        .post('/api/auth/login')
        .set('X-Forwarded-For', `203.0.113.${i}`)
        .send({ email: `spray${i}@test.switchboard`, password: 'wrong-password-x' })
        .expect(401);
    }
    const r = await env
      .anonymous()
      .post('/api/auth/login')
      .set('X-Forwarded-For', '198.51.100.7')
      .send({ email: env.users.admin.email, password: env.users.admin.password })
      .expect(429);
    expect(r.body.message).toMatch(/too many failed sign-ins/);
  });
});
