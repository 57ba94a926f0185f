import { currentStep, totpAt } from '@switchboard/identity';
import { createTestEnvironment, TestEnvironment } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const code = (secret: string, offset = 0) => totpAt(secret, currentStep() + offset);

describe('TOTP second factor', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment({ config: { auth: { lockoutThreshold: 4 } } });
  });
  afterAll(async () => {
    await env?.close();
  });

  const login = (email: string, password: string) =>
    env.anonymous().post('/api/auth/login').send({ email, password });
  const verify = (mfaToken: string, c: string) =>
    env.anonymous().post('/api/auth/mfa/verify').send({ mfaToken, code: c });
  const as = (token: string) => ({
    post: (path: string, body?: object) =>
      env.anonymous().post(path).set('Authorization', `Bearer ${token}`).send(body),
  });
  const newUser = async (email: string) => {
    await env
      .api()
      .post('/api/users')
      .send({ email, name: email, password: 'a-long-password-1' })
      .expect(201);
    return (await login(email, 'a-long-password-1').expect(200)).body.accessToken as string;
  };

  it('enabling needs a code from the new secret; then every sign-in needs a fresh code', async () => {
    const token = await newUser('totp@test.switchboard');
    const setup = await as(token).post('/api/auth/mfa/setup').expect(200);
    expect(setup.body.otpauthUri).toMatch(
      /^otpauth:\/\/totp\/Switchboard%3Atotp%40test\.switchboard\?secret=/,
    );
    const secret = setup.body.secret as string;
    const stored = await env.query<{ mfa_pending_secret: string }>(
      `select mfa_pending_secret from users where email = 'totp@test.switchboard'`,
    );
    expect(stored[0].mfa_pending_secret).not.toContain(secret);
    expect(
      (await as(token).post('/api/auth/mfa/confirm', { code: '000000' }).expect(400)).body.message,
    ).toMatch(/does not match/);
    await as(token).post('/api/auth/mfa/confirm', { code: 'abc' }).expect(400);
    await as(token)
      .post('/api/auth/mfa/confirm', { code: code(secret) })
      .expect(204);

    const first = await login('totp@test.switchboard', 'a-long-password-1').expect(200);
    expect(first.body).toMatchObject({ mfaRequired: true, mfaSetupRequired: false });
    expect(first.body.accessToken).toBeUndefined();
    expect(first.headers['set-cookie']).toBeUndefined();
    expect((await verify(first.body.mfaToken, '123456').expect(401)).body.message).toMatch(/does not match/);
    const retry = await login('totp@test.switchboard', 'a-long-password-1').expect(200);
    const next = code(secret, 1);
    const ok = await verify(retry.body.mfaToken, next).expect(200);
    expect(ok.body.accessToken).toEqual(expect.any(String));

    // The same code never works twice, even with a new password step.
    const again = await login('totp@test.switchboard', 'a-long-password-1').expect(200);
    await verify(again.body.mfaToken, next).expect(401);
  });

  /** A user with a confirmed TOTP factor; resolves to its secret. */
  const withFactor = async (email: string) => {
    const token = await newUser(email);
    const secret = (await as(token).post('/api/auth/mfa/setup').expect(200)).body.secret as string;
    await as(token)
      .post('/api/auth/mfa/confirm', { code: code(secret) })
      .expect(204);
    return secret;
  };
  const challenge = async (email: string) =>
    (await login(email, 'a-long-password-1').expect(200)).body.mfaToken as string;

  it('refuses a tampered or foreign challenge, and wrong codes count toward the lockout', async () => {
    await verify('not-a-challenge', '123456').expect(401);
    await verify(env.users.viewer.token, '123456').expect(401); // an access token is not a challenge
    const secret = await withFactor('guessed@test.switchboard');
    // Each wrong code spends its challenge; the right password that fetched a new one never resets the count.
    for (let i = 0; i < 4; i++)
      await verify(await challenge('guessed@test.switchboard'), String(100000 + i)).expect(401);
    await login('guessed@test.switchboard', 'a-long-password-1').expect(429);
    expect(secret).toBeTruthy();
    const failed = await env.query(`select 1 from audit_events where action = 'auth.mfa.failed'`);
    expect(failed.length).toBeGreaterThanOrEqual(4);
  });

  it('a right password followed by a wrong code does not reset earlier failures', async () => {
    const secret = await withFactor('halfway@test.switchboard');
    for (let i = 0; i < 3; i++) await login('halfway@test.switchboard', 'wrong-password-x').expect(401);
    await verify(await challenge('halfway@test.switchboard'), '000001').expect(401);
    const locked = await login('halfway@test.switchboard', 'a-long-password-1').expect(429);
    expect(locked.body.message).toMatch(/too many failed sign-ins/);
    expect(secret).toBeTruthy();
  });

  it('a challenge is single-use: after a wrong code, and after a right one, it is refused', async () => {
    const secret = await withFactor('once@test.switchboard');
    const first = await challenge('once@test.switchboard');
    await verify(first, '000002').expect(401);
    const reused = await verify(first, code(secret, 1)).expect(401);
    expect(reused.body.message).toMatch(/already used|expired/);
    await env.anonymous().post('/api/auth/mfa/challenge').send({ mfaToken: first }).expect(401);

    const second = await challenge('once@test.switchboard');
    await verify(second, code(secret, 1)).expect(200);
    // A later code with the spent challenge: refused, no session.
    await verify(second, code(secret, 2)).expect(401);
  });

  it('replacing a factor that is on needs a current code from it', async () => {
    const token = await newUser('swap@test.switchboard');
    const old = (await as(token).post('/api/auth/mfa/setup').expect(200)).body.secret as string;
    await as(token)
      .post('/api/auth/mfa/confirm', { code: code(old) })
      .expect(204);
    const pending = () =>
      env.query<{ mfa_pending_secret: string | null }>(
        `select mfa_pending_secret from users where email = 'swap@test.switchboard'`,
      );
    const missing = await as(token).post('/api/auth/mfa/setup').expect(400);
    expect(missing.body.message).toMatch(/needs a current code/);
    await as(token).post('/api/auth/mfa/setup', { code: '000003' }).expect(400);
    expect((await pending())[0].mfa_pending_secret).toBeNull();

    const replacement = await as(token)
      .post('/api/auth/mfa/setup', { code: code(old, 1) })
      .expect(200);
    const fresh = replacement.body.secret as string;
    expect(fresh).not.toBe(old);
    await as(token)
      .post('/api/auth/mfa/confirm', { code: code(fresh) })
      .expect(204);
    const step = await challenge('swap@test.switchboard');
    await verify(step, code(fresh, 1)).expect(200);
  });

  it('turning it off needs a current code', async () => {
    const token = await newUser('off@test.switchboard');
    const secret = (await as(token).post('/api/auth/mfa/setup').expect(200)).body.secret as string;
    await as(token)
      .post('/api/auth/mfa/confirm', { code: code(secret) })
      .expect(204);
    await as(token).post('/api/auth/mfa/disable', { code: '000000' }).expect(400);
    await as(token)
      .post('/api/auth/mfa/disable', { code: code(secret, 1) })
      .expect(204);
    const plain = await login('off@test.switchboard', 'a-long-password-1').expect(200);
    expect(plain.body.accessToken).toEqual(expect.any(String));
  });
});

describe('TOTP required for admins', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    // The seeded admin goes through the forced setup on its first sign-in (see libs/testing seed-actors).
    env = await createTestEnvironment({ config: { auth: { mfa: { requiredForAdmins: true } } } });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('an admin without a factor must set one up before getting a session, then always gives a code', async () => {
    await env
      .api()
      .post('/api/users')
      .send({ email: 'boss@test.switchboard', name: 'Boss', password: 'a-long-password-1', isAdmin: true })
      .expect(201);
    const first = await env
      .anonymous()
      .post('/api/auth/login')
      .send({ email: 'boss@test.switchboard', password: 'a-long-password-1' })
      .expect(200);
    expect(first.body).toMatchObject({
      mfaRequired: true,
      mfaSetupRequired: true,
      secret: expect.any(String),
    });
    expect(first.body.accessToken).toBeUndefined();
    const secret = first.body.secret as string;
    const session = await env
      .anonymous()
      .post('/api/auth/mfa/verify')
      .send({ mfaToken: first.body.mfaToken, code: code(secret) })
      .expect(200);

    const second = await env
      .anonymous()
      .post('/api/auth/login')
      .send({ email: 'boss@test.switchboard', password: 'a-long-password-1' })
      .expect(200);
    expect(second.body).toMatchObject({ mfaRequired: true, mfaSetupRequired: false });
    expect(second.body.secret).toBeUndefined();

    const refused = await env
      .anonymous()
      .post('/api/auth/mfa/disable')
      .set('Authorization', `Bearer ${session.body.accessToken}`)
      .send({ code: code(secret, 1) })
      .expect(409);
    expect(refused.body.message).toMatch(/required for admins/);
    // Agents are not under the policy.
    const agent = await env
      .anonymous()
      .post('/api/auth/login')
      .send({ email: env.users.salesAgent.email, password: env.users.salesAgent.password })
      .expect(200);
    expect(agent.body.accessToken).toEqual(expect.any(String));
  });
});
