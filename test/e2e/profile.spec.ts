import { currentStep, totpAt } from '@switchboard/identity';
import { createTestEnvironment, TestEnvironment } from '@switchboard/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PASSWORD = 'a-long-password-1';

/** The refresh cookie's value from a Set-Cookie header list. */
function refreshCookie(res: request.Response): string {
  const raw = ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .find((c) => c.startsWith('sb_refresh='));
  if (!raw) throw new Error('no sb_refresh cookie was set');
  return raw.split(';')[0].slice('sb_refresh='.length);
}

describe('the signed-in user changes their own name, e-mail and password', () => {
  let env: TestEnvironment;
  let seq = 0;
  beforeAll(async () => {
    env = await createTestEnvironment({ config: { auth: { lockoutThreshold: 3, ipFailureLimit: 500 } } });
  });
  afterAll(async () => {
    await env?.close();
  });

  const login = (email: string, password: string) =>
    env.anonymous().post('/api/auth/login').send({ email, password });
  const as = (token: string) => ({
    get: (path: string) => env.anonymous().get(path).set('Authorization', `Bearer ${token}`),
    patch: (path: string, body: object) =>
      env.anonymous().patch(path).set('Authorization', `Bearer ${token}`).send(body),
    post: (path: string, body?: object) =>
      env.anonymous().post(path).set('Authorization', `Bearer ${token}`).send(body),
  });
  /** A new user, signed in: their id, e-mail and a session (access token and refresh cookie). */
  const newUser = async (name = 'Profile Person') => {
    const email = `profile-${++seq}@test.switchboard`;
    const created = await env.api().post('/api/users').send({ email, name, password: PASSWORD }).expect(201);
    const session = await login(email, PASSWORD).expect(200);
    return {
      id: created.body.id as string,
      email,
      token: session.body.accessToken as string,
      cookie: refreshCookie(session),
    };
  };
  const audit = (action: string, userId: string) =>
    env.query<{ actor_id: string; details: Record<string, unknown> }>(
      'select actor_id, details from audit_events where action = $1 and target_id = $2 order by at',
      [action, userId],
    );

  it('refuses bad input with a 400 naming the field, and changes nothing', async () => {
    const u = await newUser();
    const problems = async (path: string, body: object, method: 'patch' | 'post' = 'patch') =>
      ((await as(u.token)[method](path, body).expect(400)).body.problems as { field: string }[]).map(
        (p) => p.field,
      );
    expect(await problems('/api/me', {})).toEqual(['(body)']);
    expect(await problems('/api/me', { name: '   ' })).toEqual(['name']);
    expect(await problems('/api/me', { name: 'x'.repeat(201) })).toEqual(['name']);
    expect(await problems('/api/me', { email: 'not-an-address' })).toEqual(['email']);
    expect(await problems('/api/me', { email: `${'x'.repeat(250)}@test.switchboard` })).toEqual(['email']);
    expect(await problems('/api/me', { name: 'Ok', isAdmin: true })).toEqual(['(body)']);
    const unknown = await as(u.token).patch('/api/me', { name: 'Ok', isAdmin: true }).expect(400);
    expect(unknown.body.message).toMatch(/unknown field\(s\): isAdmin/);
    expect(await problems('/api/me/password', { currentPassword: PASSWORD }, 'post')).toEqual([
      'newPassword',
    ]);
    expect(await problems('/api/me/password', { newPassword: 'another-long-one' }, 'post')).toEqual([
      'currentPassword',
    ]);
    // The product's password rule (as for invitation links): at least 12 characters, at most 256, not blank.
    for (const newPassword of ['short-pw', 'x'.repeat(257), ' '.repeat(12)]) {
      const r = await as(u.token)
        .post('/api/me/password', { currentPassword: PASSWORD, newPassword })
        .expect(400);
      expect(r.body.problems).toEqual([{ field: 'newPassword', problem: expect.any(String) }]);
    }
    const short = await as(u.token)
      .post('/api/me/password', { currentPassword: PASSWORD, newPassword: 'short-pw' })
      .expect(400);
    expect(short.body.message).toBe('newPassword: password must be at least 12 characters');
    const same = await as(u.token)
      .post('/api/me/password', { currentPassword: PASSWORD, newPassword: PASSWORD })
      .expect(400);
    expect(same.body).toMatchObject({ code: 'password_unchanged', problems: [{ field: 'newPassword' }] });

    const [row] = await env.query<{ name: string; email: string }>(
      'select name, email from users where id = $1',
      [u.id],
    );
    expect(row).toEqual({ name: 'Profile Person', email: u.email });
    await login(u.email, PASSWORD).expect(200);
    // API tokens have no profile.
    const token = await env
      .api()
      .post('/api/api-tokens')
      .send({ name: 'profile probe', permissions: ['users.manage'], allDepartments: true })
      .expect(201);
    await as(token.body.token as string)
      .patch('/api/me', { name: 'Token' })
      .expect(403);
  });

  it('renames without a password; a new e-mail needs the current one, is checked like a sign-in, and must be free', async () => {
    const u = await newUser();
    const renamed = await as(u.token).patch('/api/me', { name: '  Renamed Person ' }).expect(200);
    expect(renamed.body).toMatchObject({
      id: u.id,
      name: 'Renamed Person',
      email: u.email,
      mfaEnabled: false,
    });
    expect((await as(u.token).get('/api/auth/me').expect(200)).body.name).toBe('Renamed Person');

    const next = `moved-${seq}@test.switchboard`;
    const missing = await as(u.token).patch('/api/me', { email: next }).expect(400);
    expect(missing.body).toMatchObject({
      code: 'password_required',
      problems: [{ field: 'currentPassword' }],
    });
    const wrong = await as(u.token)
      .patch('/api/me', { email: next, currentPassword: 'not-the-password' })
      .expect(400);
    expect(wrong.body).toMatchObject({
      code: 'wrong_password',
      problems: [{ field: 'currentPassword', problem: 'the current password is incorrect' }],
    });
    const taken = await as(u.token)
      .patch('/api/me', { email: env.users.viewer.email, currentPassword: PASSWORD })
      .expect(409);
    expect(taken.body).toMatchObject({ code: 'email_taken', problems: [{ field: 'email' }] });
    expect(taken.body.message).toMatch(/^email: /);

    // The same e-mail (any case) is no change, and needs no password.
    await as(u.token).patch('/api/me', { name: 'Renamed Person', email: u.email.toUpperCase() }).expect(200);

    const moved = await as(u.token)
      .patch('/api/me', { email: `  ${next.toUpperCase()} `, currentPassword: PASSWORD })
      .expect(200);
    expect(moved.body.email).toBe(next);
    await login(u.email, PASSWORD).expect(401);
    await login(next, PASSWORD).expect(200);

    // Wrong current passwords count toward the e-mail's sign-in lockout (3 failures here).
    for (let i = 0; i < 3; i++)
      await as(u.token)
        .patch('/api/me', { email: `again-${seq}@test.switchboard`, currentPassword: `nope-${i}` })
        .expect(400);
    await as(u.token)
      .patch('/api/me', { email: `again-${seq}@test.switchboard`, currentPassword: PASSWORD })
      .expect(429);
    await login(next, PASSWORD).expect(429);

    const updates = await audit('user.profile.updated', u.id);
    expect(updates.map((e) => e.details)).toEqual([
      { before: { name: 'Profile Person' }, change: { name: 'Renamed Person' } },
      { before: { email: u.email }, change: { email: next } },
    ]);
    expect(updates.every((e) => e.actor_id === u.id)).toBe(true);
    expect(await audit('user.password.check_failed', u.id)).toHaveLength(4);
  });

  it('a new password signs out every other session of the user, keeps this one, and is audited without secrets', async () => {
    const u = await newUser();
    // Another login, whose refresh token rotated once: one login (two rows), signed out as one.
    const other = await env
      .anonymous()
      .post('/api/auth/refresh')
      .set('Cookie', `sb_refresh=${refreshCookie(await login(u.email, PASSWORD).expect(200))}`)
      .expect(200);
    const otherToken = other.body.accessToken as string;
    const otherCookie = refreshCookie(other);
    // This browser's login has rotated its refresh token once: the kept session is the login, not one token.
    const rotated = await env
      .anonymous()
      .post('/api/auth/refresh')
      .set('Cookie', `sb_refresh=${u.cookie}`)
      .expect(200);
    const token = rotated.body.accessToken as string;
    const cookie = refreshCookie(rotated);

    const wrong = await as(token)
      .post('/api/me/password', { currentPassword: 'not-the-password', newPassword: 'brand-new-password-2' })
      .expect(400);
    expect(wrong.body).toMatchObject({ code: 'wrong_password', problems: [{ field: 'currentPassword' }] });
    await as(otherToken).get('/api/auth/me').expect(200);

    const changed = await as(token)
      .post('/api/me/password', { currentPassword: PASSWORD, newPassword: 'brand-new-password-2' })
      .expect(200);
    expect(changed.body).toEqual({ signedOut: 1 });

    await as(token).get('/api/auth/me').expect(200);
    await env.anonymous().post('/api/auth/refresh').set('Cookie', `sb_refresh=${cookie}`).expect(200);
    await as(otherToken).get('/api/auth/me').expect(401);
    await env.anonymous().post('/api/auth/refresh').set('Cookie', `sb_refresh=${otherCookie}`).expect(401);

    await login(u.email, PASSWORD).expect(401);
    await login(u.email, 'brand-new-password-2').expect(200);

    const [event] = await audit('user.password.changed', u.id);
    expect(event).toEqual({ actor_id: u.id, details: { otherSessionsSignedOut: 1 } });
    const logged = JSON.stringify(
      await env.query('select details from audit_events where target_id = $1', [u.id]),
    );
    expect(logged).not.toContain('brand-new-password-2');
    expect(logged).not.toContain(PASSWORD);
  });

  it('"sign out everywhere else" ends the other sessions only', async () => {
    const u = await newUser();
    const others = [await login(u.email, PASSWORD).expect(200), await login(u.email, PASSWORD).expect(200)];
    const r = await as(u.token).post('/api/me/sign-out-others').expect(200);
    expect(r.body).toEqual({ signedOut: 2 });
    await as(u.token).get('/api/auth/me').expect(200);
    for (const o of others)
      await as(o.body.accessToken as string)
        .get('/api/auth/me')
        .expect(401);
    expect((await as(u.token).post('/api/me/sign-out-others').expect(200)).body).toEqual({ signedOut: 0 });
    const [event] = await audit('auth.sessions.revoked', u.id);
    expect(event.details).toEqual({ reason: 'signed_out_elsewhere', sessions: 2 });
  });

  it('"sign out everywhere else" also ends a login whose refresh token rotates in a tight loop meanwhile', async () => {
    // A stolen refresh cookie, exchanged as fast as the api answers: a rotation in flight when the victim signs out
    // everywhere else must not leave its new token alive. Several rounds, each racing a fresh loop.
    for (let round = 0; round < 8; round++) {
      const u = await newUser();
      const stolen = await login(u.email, PASSWORD).expect(200);
      let cookie = refreshCookie(stolen);
      let token = stolen.body.accessToken as string;
      let signedOut = false;
      const loop = (async () => {
        while (!signedOut) {
          const r = await env.anonymous().post('/api/auth/refresh').set('Cookie', `sb_refresh=${cookie}`);
          if (r.status !== 200) return;
          cookie = refreshCookie(r);
          token = r.body.accessToken as string;
        }
      })();
      // Let the loop get going: wait until it has rotated once.
      const first = cookie;
      await expect.poll(() => cookie !== first).toBe(true);
      await as(u.token).post('/api/me/sign-out-others').expect(200);
      signedOut = true;
      await loop;
      await env.anonymous().post('/api/auth/refresh').set('Cookie', `sb_refresh=${cookie}`).expect(401);
      await as(token).get('/api/auth/me').expect(401);
      await as(u.token).get('/api/auth/me').expect(200);
    }
  });

  it('a new password voids a reset link issued before it', async () => {
    const u = await newUser();
    const link = await env.api().post(`/api/users/${u.id}/password-reset`).expect(201);
    const resetToken = new URL(String(link.body.path), 'http://x').searchParams.get('token');
    await as(u.token)
      .post('/api/me/password', { currentPassword: PASSWORD, newPassword: 'brand-new-password-3' })
      .expect(200);
    await env
      .anonymous()
      .post('/api/auth/accept')
      .send({ token: resetToken, password: 'attackers-password-4' })
      .expect(400);
    await login(u.email, 'attackers-password-4').expect(401);
    await login(u.email, 'brand-new-password-3').expect(200);
  });

  it('/me tells whether two-step sign-in and a password are set, never a secret', async () => {
    const u = await newUser();
    const before = (await as(u.token).get('/api/auth/me').expect(200)).body;
    expect(before).toMatchObject({ id: u.id, mfaEnabled: false, hasPassword: true });
    const secret = (await as(u.token).post('/api/auth/mfa/setup').expect(200)).body.secret as string;
    await as(u.token)
      .post('/api/auth/mfa/confirm', { code: totpAt(secret, currentStep()) })
      .expect(204);
    const after = (await as(u.token).get('/api/auth/me').expect(200)).body;
    expect(after).toMatchObject({ mfaEnabled: true, hasPassword: true });
    expect(Object.keys(after).sort()).toEqual(
      [
        'createdAt',
        'email',
        'hasPassword',
        'id',
        'isAdmin',
        'lastLoginAt',
        'memberships',
        'mfaEnabled',
        'name',
        'status',
      ].sort(),
    );
    expect(JSON.stringify(after)).not.toContain(secret);
    expect(JSON.stringify(after)).not.toMatch(/argon2|mfa_?secret|password_?hash/i);
  });

  it('an account without a password (single sign-on) is refused a password or e-mail change, clearly', async () => {
    const u = await newUser();
    // What linking a single sign-on identity does to a local account: its password is removed.
    await env.query('update users set password_hash = null where id = $1', [u.id]);
    expect((await as(u.token).get('/api/auth/me').expect(200)).body.hasPassword).toBe(false);
    const r = await as(u.token)
      .post('/api/me/password', { currentPassword: PASSWORD, newPassword: 'brand-new-password-3' })
      .expect(409);
    expect(r.body).toMatchObject({ code: 'no_password', problems: [{ field: 'currentPassword' }] });
    expect(r.body.message).toMatch(/single sign-on/);
    const e = await as(u.token)
      .patch('/api/me', { email: `sso-${seq}@test.switchboard`, currentPassword: PASSWORD })
      .expect(409);
    expect(e.body).toMatchObject({ code: 'no_password', problems: [{ field: 'email' }] });
    // The name is theirs to change all the same.
    await as(u.token).patch('/api/me', { name: 'Single Sign-On Person' }).expect(200);
  });
});
