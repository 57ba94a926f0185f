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
    const next = code(secret, 1);
    const ok = await verify(first.body.mfaToken, next).expect(200);
    expect(ok.body.accessToken).toEqual(expect.any(String));

    // The same code never works twice, even with a new password step.
    const again = await login('totp@test.switchboard', 'a-long-password-1').expect(200);
    await verify(again.body.mfaToken, next).expect(401);
  });

  it('refuses a tampered or foreign challenge, and wrong codes count toward the lockout', async () => {
    await verify('not-a-challenge', '123456').expect(401);
    await verify(env.users.viewer.token, '123456').expect(401); // an access token is not a challenge
    const token = await newUser('guessed@test.switchboard');
    const secret = (await as(token).post('/api/auth/mfa/setup').expect(200)).body.secret as string;
    await as(token)
      .post('/api/auth/mfa/confirm', { code: code(secret) })
      .expect(204);
    const step = await login('guessed@test.switchboard', 'a-long-password-1').expect(200);
    for (let i = 0; i < 4; i++) await verify(step.body.mfaToken, String(100000 + i)).expect(401);
    await verify(step.body.mfaToken, code(secret, 1)).expect(429);
    const failed = await env.query(`select 1 from audit_events where action = 'auth.mfa.failed'`);
    expect(failed.length).toBeGreaterThanOrEqual(4);
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
