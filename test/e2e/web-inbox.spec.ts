import { createTestEnvironment, launchBrowser, TestEnvironment, waitFor } from '@switchboard/testing';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { currentStep, totpAt } from '@switchboard/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const webDist = resolve(process.cwd(), 'apps/web/dist');

describe('web inbox in a real browser', () => {
  let env: TestEnvironment;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    expect(
      existsSync(resolve(webDist, 'index.html')),
      'build the web app first: npm run build:web (npm test does)',
    ).toBe(true);
    env = await createTestEnvironment({ config: { server: { webDist } } });
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  it('asks to sign in, refuses a wrong password, then lists conversations with who is waiting', async () => {
    const { wamid } = await env.sandbox
      .customer('5511977770001', { name: 'Ana Souza' })
      .text('Vocês abrem no sábado?');
    await waitFor(() => env.query('select 1 from messages where wamid = $1', [wamid]));

    await page.goto(`${env.url}/`);
    await page.locator('#email').fill(env.users.salesAgent.email);
    await page.locator('#password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/incorrect/i);

    await page.locator('#password').fill(env.users.salesAgent.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const row = page.locator('button.row', { hasText: 'Ana Souza' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Vocês abrem no sábado?');
    expect(await row.textContent()).toContain('Sales');
    expect(await row.locator('.ball').getAttribute('title')).toMatch(/^waiting for \d+ min$/);

    await row.click();
    await expect
      .poll(() => page.locator('ol.messages li').allTextContents())
      .toEqual([expect.stringContaining('Vocês abrem no sábado?')]);

    // A reload keeps the session: the access token is in memory only, the httpOnly refresh cookie renews it.
    await page.reload();
    await page.locator('button.row', { hasText: 'Ana Souza' }).waitFor();
  });

  it('shows customer-supplied names and text as text, never as markup', async () => {
    const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    await env.sandbox.customer('5511977770002', { name: payload }).text(`${payload} <b>negrito</b>`);
    const row = page.locator('button.row', { hasText: '<img src=x' });
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    await expect
      .poll(() => page.locator('ol.messages li .body').allTextContents())
      .toEqual([`${payload} <b>negrito</b>`]);
    expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('ol.messages b').count()).toBe(0);
  });

  it('an invited user chooses a password from the link, then signs in and sees only their department', async () => {
    const made = await env
      .api()
      .post('/api/users')
      .send({
        email: 'newcomer@test.switchboard',
        name: 'Newcomer',
        memberships: [{ departmentId: env.numbers.support.departmentId, role: 'agent' }],
      })
      .expect(201);
    const fresh = await browser.newPage();
    try {
      await fresh.goto(`${env.url}${made.body.invitation.path}`);
      await fresh.locator('#new-password').fill('newcomer-password-1');
      await fresh.locator('#confirm-password').fill('newcomer-password-1');
      await fresh.getByRole('button', { name: 'Set password' }).click();
      await fresh.getByRole('status').getByText('Password set').waitFor();
      await fresh.getByRole('link', { name: 'Sign in' }).click();
      await fresh.locator('#email').fill('newcomer@test.switchboard');
      await fresh.locator('#password').fill('newcomer-password-1');
      await fresh.getByRole('button', { name: 'Sign in' }).click();
      await fresh.getByText('No conversations yet.').waitFor();
    } finally {
      await fresh.close();
    }
  });

  it('a user with a second factor gives a code after the password', async () => {
    await env
      .api()
      .post('/api/users')
      .send({
        email: 'careful@test.switchboard',
        name: 'Careful',
        password: 'careful-password-1',
        memberships: [{ departmentId: env.numbers.hr.departmentId, role: 'viewer' }],
      })
      .expect(201);
    const token = (
      await env
        .anonymous()
        .post('/api/auth/login')
        .send({ email: 'careful@test.switchboard', password: 'careful-password-1' })
        .expect(200)
    ).body.accessToken as string;
    const secret = (
      await env.anonymous().post('/api/auth/mfa/setup').set('Authorization', `Bearer ${token}`).expect(200)
    ).body.secret as string;
    await env
      .anonymous()
      .post('/api/auth/mfa/confirm')
      .set('Authorization', `Bearer ${token}`)
      .send({ code: totpAt(secret, currentStep()) })
      .expect(204);

    const fresh = await browser.newPage();
    try {
      await fresh.goto(`${env.url}/login`);
      await fresh.locator('#email').fill('careful@test.switchboard');
      await fresh.locator('#password').fill('careful-password-1');
      await fresh.getByRole('button', { name: 'Sign in' }).click();
      await fresh.locator('#code').fill('000000');
      await fresh.getByRole('button', { name: 'Verify' }).click();
      await expect.poll(() => fresh.getByRole('alert').textContent()).toMatch(/does not match/);
      // The wrong code spent the challenge: back to the password, then a fresh code.
      await fresh.locator('#password').fill('careful-password-1');
      await fresh.getByRole('button', { name: 'Sign in' }).click();
      await fresh.locator('#code').fill(totpAt(secret, currentStep() + 1));
      await fresh.getByRole('button', { name: 'Verify' }).click();
      await fresh.getByText('No conversations yet.').waitFor();
    } finally {
      await fresh.close();
    }
  });
});
