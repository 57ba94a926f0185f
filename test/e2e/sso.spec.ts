import { currentStep, totpAt } from '@switchboard/identity';
import { createTestEnvironment, freePort, launchBrowser, TestEnvironment } from '@switchboard/testing';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from './helpers';
import { localOidcAuth, MiniBrowser, startOidcProvider, TestAccount } from './support/oidc-test-provider';

describe('single sign-on with OpenID Connect (against a real local provider)', () => {
  let env: TestEnvironment;
  let provider: { issuer: string; close(): Promise<void> };
  const accounts = new Map<string, TestAccount>();

  beforeAll(async () => {
    const port = await freePort();
    const issuer = `http://localhost:${port}`;
    env = await createTestEnvironment({
      config: {
        auth: localOidcAuth([
          {
            id: 'corp',
            name: 'Corp SSO',
            issuer,
            clientSecret: 'sso-client-secret',
            scopes: 'openid email profile groups',
            adminGroups: ['sb-admins'],
            departmentRoles: [
              { group: 'sb-sales', department: 'sales', role: 'agent' },
              { group: 'sb-sales-leads', department: 'sales', role: 'supervisor' },
              { group: 'sb-hr', department: 'hr', role: 'viewer' },
            ],
          },
          {
            id: 'partners',
            name: 'Partners',
            issuer,
            clientSecret: 'sso-client-secret',
            provisioning: 'existing',
          },
        ]),
      },
    });
    provider = await startOidcProvider({
      port,
      clientSecret: 'sso-client-secret',
      redirectUris: [`${env.url}/api/auth/oidc/corp/callback`, `${env.url}/api/auth/oidc/partners/callback`],
      accounts,
    });
  });
  afterAll(async () => {
    await provider?.close();
    await env?.close();
  });

  /** The whole browser round trip; returns our callback's answer and the browser. */
  async function sso(accountId: string, providerId = 'corp') {
    const browser = new MiniBrowser();
    const res = await browser.signIn(`${env.url}/api/auth/oidc/${providerId}/start`, accountId, 'localhost');
    return { res, browser };
  }
  async function accessTokenFrom(browser: MiniBrowser): Promise<string> {
    const refresh = browser.cookie('127.0.0.1', 'sb_refresh');
    expect(refresh, 'a refresh cookie after sign-in').toBeTruthy();
    const r = await env
      .anonymous()
      .post('/api/auth/refresh')
      .set('Cookie', `sb_refresh=${refresh}`)
      .expect(200);
    return r.body.accessToken as string;
  }
  const me = (token: string) =>
    env.anonymous().get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);

  it('lists the providers for the sign-in page', async () => {
    const r = await env.anonymous().get('/api/auth/providers').expect(200);
    expect(r.body).toEqual([
      { id: 'corp', name: 'Corp SSO', startPath: '/api/auth/oidc/corp/start' },
      { id: 'partners', name: 'Partners', startPath: '/api/auth/oidc/partners/start' },
    ]);
  });

  it('creates the account on first sign-in and maps groups to department roles', async () => {
    accounts.set('alice-sub', {
      email: 'Alice@Corp.example',
      email_verified: true,
      name: 'Alice',
      groups: ['sb-sales', 'sb-hr'],
    });
    const { res, browser } = await sso('alice-sub');
    expect(res.status).toBe(303);
    expect(new URL(res.location!).pathname).toBe('/');
    const user = (await me(await accessTokenFrom(browser))).body;
    expect(user).toMatchObject({ email: 'alice@corp.example', name: 'Alice', isAdmin: false });
    expect(
      user.memberships
        .map((m: { departmentKey: string; role: string }) => `${m.departmentKey}:${m.role}`)
        .sort(),
    ).toEqual(['hr:viewer', 'sales:agent']);
    expect(await count(env, 'user_identities', 'subject = $1', ['alice-sub'])).toBe(1);
    const audit = await env.query(
      `select 1 from audit_events where action = 'user.created' and details->>'via' = 'sso:corp'`,
    );
    expect(audit).toHaveLength(1);
  });

  it('re-applies the groups on every sign-in (promotion and removal)', async () => {
    accounts.set('alice-sub', { ...accounts.get('alice-sub')!, groups: ['sb-sales-leads', 'sb-admins'] });
    const first = await sso('alice-sub');
    const promoted = (await me(await accessTokenFrom(first.browser))).body;
    expect(promoted.isAdmin).toBe(true);
    expect(promoted.memberships).toEqual([
      expect.objectContaining({ departmentKey: 'sales', role: 'supervisor' }),
    ]);
    accounts.set('alice-sub', { ...accounts.get('alice-sub')!, groups: [] });
    const second = await sso('alice-sub');
    const demoted = (await me(await accessTokenFrom(second.browser))).body;
    expect(demoted).toMatchObject({ isAdmin: false, memberships: [] });
    expect(await count(env, 'users', `lower(email) = 'alice@corp.example'`)).toBe(1);
  });

  it('links an existing local account by verified e-mail, resetting its password and ending its sessions', async () => {
    await env
      .api()
      .post('/api/users')
      .send({ email: 'bob@corp.example', name: 'Bob', password: 'bob-local-password' })
      .expect(201);
    const local = await env
      .anonymous()
      .post('/api/auth/login')
      .send({ email: 'bob@corp.example', password: 'bob-local-password' })
      .expect(200);
    accounts.set('bob-sub', {
      email: 'bob@corp.example',
      email_verified: true,
      name: 'Bob',
      groups: ['sb-sales'],
    });
    const { res, browser } = await sso('bob-sub');
    expect(res.status).toBe(303);
    await env
      .anonymous()
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${local.body.accessToken}`)
      .expect(401);
    await env
      .anonymous()
      .post('/api/auth/login')
      .send({ email: 'bob@corp.example', password: 'bob-local-password' })
      .expect(401);
    expect((await me(await accessTokenFrom(browser))).body.email).toBe('bob@corp.example');
    const linked = await env.query<{ details: { credentialsReset: boolean } }>(
      `select details from audit_events where action = 'user.sso.linked'`,
    );
    expect(linked).toEqual([
      { details: expect.objectContaining({ credentialsReset: true, provider: 'corp' }) },
    ]);
  });

  it('refuses to link when the provider does not vouch for the e-mail, and keeps the local account intact', async () => {
    await env
      .api()
      .post('/api/users')
      .send({ email: 'carol@corp.example', name: 'Carol', password: 'carol-local-password' })
      .expect(201);
    accounts.set('mallory-sub', {
      email: 'carol@corp.example',
      email_verified: false,
      name: 'Not Carol',
      groups: ['sb-admins'],
    });
    const { res } = await sso('mallory-sub');
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).message).toMatch(/did not confirm the e-mail is verified/);
    expect(await count(env, 'user_identities', 'subject = $1', ['mallory-sub'])).toBe(0);
    await env
      .anonymous()
      .post('/api/auth/login')
      .send({ email: 'carol@corp.example', password: 'carol-local-password' })
      .expect(200);
  });

  it('a provider that does not provision admits only existing accounts', async () => {
    accounts.set('stranger-sub', {
      email: 'stranger@corp.example',
      email_verified: true,
      name: 'S',
      groups: [],
    });
    const { res } = await sso('stranger-sub', 'partners');
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).message).toMatch(/no Switchboard account/);
    expect(await count(env, 'users', `email = 'stranger@corp.example'`)).toBe(0);
  });

  it('refuses unknown providers, a callback without a started sign-in, and a forged state', async () => {
    expect((await env.anonymous().get('/api/auth/oidc/nope/start').expect(404)).body.message).toMatch(
      /no single sign-on provider "nope"/,
    );
    const bare = await env.anonymous().get('/api/auth/oidc/corp/callback?code=x&state=y').expect(400);
    expect(bare.body.message).toMatch(/no sign-in in progress/);
    const browser = new MiniBrowser();
    const start = await browser.request(`${env.url}/api/auth/oidc/corp/start`);
    expect(start.status).toBe(303);
    const forged = await browser.request(`${env.url}/api/auth/oidc/corp/callback?code=forged&state=forged`);
    expect(forged.status).toBe(400);
    expect(JSON.parse(forged.body).message).toMatch(/sign-in with Corp SSO failed/);
  });

  it('asks for the second factor after single sign-on too', async () => {
    accounts.set('dave-sub', {
      email: 'dave@corp.example',
      email_verified: true,
      name: 'Dave',
      groups: ['sb-sales'],
    });
    const first = await sso('dave-sub');
    const token = await accessTokenFrom(first.browser);
    const secret = (
      await env.anonymous().post('/api/auth/mfa/setup').set('Authorization', `Bearer ${token}`).expect(200)
    ).body.secret;
    await env
      .anonymous()
      .post('/api/auth/mfa/confirm')
      .set('Authorization', `Bearer ${token}`)
      .send({ code: totpAt(secret, currentStep()) })
      .expect(204);

    const { res, browser } = await sso('dave-sub');
    expect(res.status).toBe(303);
    const location = new URL(res.location!);
    expect(location.pathname).toBe('/login');
    expect(browser.cookie('127.0.0.1', 'sb_refresh')).toBeUndefined();
    const mfaToken = new URLSearchParams(location.hash.slice(1)).get('mfa')!;
    const challenge = await env.anonymous().post('/api/auth/mfa/challenge').send({ mfaToken }).expect(200);
    expect(challenge.body).toMatchObject({ mfaRequired: true, mfaSetupRequired: false });
    await env
      .anonymous()
      .post('/api/auth/mfa/verify')
      .send({ mfaToken, code: totpAt(secret, currentStep() + 1) })
      .expect(200);
  });

  it('in a real browser: the sign-in page offers the provider and lands in the inbox', async () => {
    expect(existsSync(resolve(process.cwd(), 'apps/web/dist/index.html')), 'npm run build:web first').toBe(
      true,
    );
    accounts.set('erin-sub', {
      email: 'erin@corp.example',
      email_verified: true,
      name: 'Erin',
      groups: ['sb-hr'],
    });
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${env.url}/login`);
      await page.getByRole('link', { name: 'Sign in with Corp SSO' }).click();
      await page.locator('input[name="login"]').fill('erin-sub');
      await page.locator('input[name="password"]').fill('any');
      await page.getByRole('button', { name: 'Sign-in' }).click();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByText('No conversations yet.').waitFor();
      expect(new URL(page.url()).pathname).toBe('/inbox');
      await page.getByText('Erin').waitFor();
    } finally {
      await browser.close();
    }
  });
});
