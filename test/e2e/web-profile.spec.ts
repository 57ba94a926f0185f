import { currentStep, totpAt } from '@switchboard/identity';
import {
  axeViolations,
  createTestEnvironment,
  cspViolations,
  launchBrowser,
  recordCspViolations,
  signInPage,
  TestEnvironment,
  waitFor,
} from '@switchboard/testing';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Browser, Locator, Page } from 'playwright-core';
import { create } from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const webDist = resolve(process.cwd(), 'apps/web/dist');
const PASSWORD = 'a-long-password-1';
const NEW_PASSWORD = 'a-longer-password-2';

/**
 * Codes from an authenticator app for `secret`, each of a later time step than the one before: the api accepts a
 * step once, within one step of its clock. Starting one step back leaves three codes without waiting for the clock.
 */
function authenticator(secret: string): () => string {
  let last = Number.NEGATIVE_INFINITY;
  return () => {
    const step = Math.max(last + 1, currentStep() - 1);
    if (step > currentStep() + 1) throw new Error('every step the api accepts now was used');
    last = step;
    return totpAt(secret, step);
  };
}

/** Early in a 30-second step: a code of the step before stays accepted for the next few seconds of the test. */
const earlyInStep = () =>
  waitFor(() => (Date.now() / 1000) % 30 < 20, {
    what: 'a fresh TOTP step',
    timeoutMs: 20_000,
    intervalMs: 250,
  });

/** The drawn QR code holds `uri`: module by module against the encoder's own matrix, quiet zone of 4. */
async function expectQrOf(qr: Locator, uri: string): Promise<void> {
  expect(await qr.evaluate((svg) => svg.tagName)).toBe('svg');
  const { modules } = create(uri, { errorCorrectionLevel: 'M' });
  const expected: string[] = [];
  for (let row = 0; row < modules.size; row++)
    for (let col = 0; col < modules.size; col++) if (modules.get(row, col)) expected.push(`${row},${col}`);
  const drawn = (
    await qr
      .locator('rect.dark')
      .evaluateAll((rects) => rects.map((r) => ['x', 'y', 'width'].map((a) => Number(r.getAttribute(a)))))
  ).flatMap(([x, y, w]) => Array.from({ length: w }, (_, i) => `${y - 4},${x - 4 + i}`));
  expect(drawn.sort()).toEqual(expected.sort());
}

describe('the profile screen in a real browser', () => {
  let env: TestEnvironment;
  let browser: Browser;

  beforeAll(async () => {
    expect(existsSync(resolve(webDist, 'index.html')), 'build the web app first: npm run build:web').toBe(
      true,
    );
    // Admins must keep a second factor here: the refusal to turn it off is part of the screen.
    env = await createTestEnvironment({
      config: { server: { webDist }, auth: { mfa: { requiredForAdmins: true } } },
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  const newUser = async (email: string, name: string, isAdmin = false) => {
    await env
      .api()
      .post('/api/users')
      .send({
        email,
        name,
        password: PASSWORD,
        isAdmin,
        memberships: isAdmin ? [] : [{ departmentId: env.numbers.sales.departmentId, role: 'agent' }],
      })
      .expect(201);
  };
  const apiLogin = (email: string, password: string) =>
    env.anonymous().post('/api/auth/login').send({ email, password });
  const openProfile = async (page: Page) => {
    await page.locator('header a.who').click();
    await page.waitForURL(/\/profile$/);
    await page.getByRole('heading', { name: 'Your profile', level: 1 }).waitFor();
  };
  const main = (page: Page) => page.getByRole('main');

  it('an agent renames themself, changes their password, turns two-step sign-in on, signs in with a code and turns it off', async () => {
    const email = 'profile.agent@test.switchboard';
    await newUser(email, 'Paula Perfil');
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 1500 } });
    await recordCspViolations(context);
    const page = await context.newPage();
    try {
      await signInPage(page, env.url, { email, password: PASSWORD });
      expect(await page.locator('header a.who').textContent()).toBe('Paula Perfil');
      await openProfile(page);
      expect(await axeViolations(page, 'main')).toEqual([]);

      // The name: the top bar follows at once.
      const details = main(page).getByRole('form', { name: 'Name and e-mail' });
      await details.getByLabel('Name').fill('Paula Souza');
      await details.getByRole('button', { name: 'Save' }).click();
      await details.getByText('Saved.').waitFor();
      await page.locator('header a.who', { hasText: 'Paula Souza' }).waitFor();
      await expect
        .poll(
          async () =>
            (await env.query<{ name: string }>('select name from users where email = $1', [email]))[0],
        )
        .toEqual({ name: 'Paula Souza' });

      // The password: a wrong current one is said beside its field; then the new one works and the old does not.
      const password = main(page).getByRole('form', { name: 'Password' });
      await password.getByLabel('Current password').fill('not-my-password');
      await password.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
      await password.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
      await password.getByRole('button', { name: 'Change password' }).click();
      await password.getByText('The current password is incorrect.').waitFor();
      await password.getByLabel('Current password').fill(PASSWORD);
      await password.getByRole('button', { name: 'Change password' }).click();
      await password.getByText('Password changed. Other sessions signed out: 0.').waitFor();
      await apiLogin(email, PASSWORD).expect(401);
      const token = (await apiLogin(email, NEW_PASSWORD).expect(200)).body.accessToken as string;

      // Availability, from the profile as from the top bar.
      await main(page)
        .getByRole('radiogroup', { name: 'Availability' })
        .getByText('Away', { exact: true })
        .click();
      const availability = async () =>
        (
          await env
            .anonymous()
            .get('/api/me/availability')
            .set('Authorization', `Bearer ${token}`)
            .expect(200)
        ).body.current.status as string;
      await expect.poll(availability).toBe('away');

      // Two-step sign-in: a secret in groups of four and its QR code, then a code from the app turns it on.
      await earlyInStep();
      const twoStep = main(page).getByRole('region', { name: 'Two-step sign-in' });
      await twoStep.getByRole('button', { name: 'Set up two-step sign-in' }).click();
      const shown = (await twoStep.locator('[data-secret]').textContent()) ?? '';
      expect(shown).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
      const secret = shown.replace(/ /g, '');
      expect(secret).toHaveLength(32);
      const uri = `otpauth://totp/Switchboard%3Aprofile.agent%40test.switchboard?secret=${secret}&issuer=Switchboard&algorithm=SHA1&digits=6&period=30`;
      await expectQrOf(twoStep.getByRole('img', { name: 'QR code for your authenticator app' }), uri);
      expect(await axeViolations(page, 'main')).toEqual([]);
      if (process.env.SCREENSHOTS === '1') {
        mkdirSync('docs/screenshots', { recursive: true });
        await page.screenshot({ path: 'docs/screenshots/profile.png', fullPage: true });
      }

      const app = authenticator(secret);
      await twoStep.getByLabel('Code from the app').fill('000000');
      await twoStep.getByRole('button', { name: 'Turn on' }).click();
      await twoStep.getByText('That code does not match.', { exact: false }).waitFor();
      await twoStep.getByLabel('Code from the app').fill(app());
      await twoStep.getByRole('button', { name: 'Turn on' }).click();
      await twoStep.getByText('On: signing in asks for a code from your authenticator app.').waitFor();
      await twoStep.getByRole('status').getByText('Two-step sign-in is on.').waitFor();

      // Signed out and in again: the old password is refused, the new one asks for a code.
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.waitForURL(/\/login$/);
      await page.locator('#email').fill(email);
      await page.locator('#password').fill(PASSWORD);
      await page.locator('form button[type=submit]').click();
      await page.getByText('E-mail or password is incorrect.').waitFor();
      await page.locator('#password').fill(NEW_PASSWORD);
      await page.locator('form button[type=submit]').click();
      await page.getByRole('heading', { name: 'Two-factor code' }).waitFor();
      await page.locator('#code').fill(app());
      await page.locator('form button[type=submit]').click();
      await page.waitForURL(/\/inbox$/);

      // And off again, with a current code.
      await openProfile(page);
      await twoStep.getByLabel('Code from the app').fill(app());
      await twoStep.getByRole('button', { name: 'Turn off' }).click();
      await twoStep.getByText('Off: signing in asks only for your password.').waitFor();
      const login = await apiLogin(email, NEW_PASSWORD).expect(200);
      expect(login.body.accessToken).toEqual(expect.any(String));

      expect(await cspViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('an admin under the two-factor policy is told why it cannot be turned off', async () => {
    const email = 'profile.admin@test.switchboard';
    await newUser(email, 'Ada Admin', true);
    const context = await browser.newContext({ locale: 'en-US' });
    await recordCspViolations(context);
    const page = await context.newPage();
    try {
      // The policy makes the first sign-in set up a factor.
      await earlyInStep();
      await page.goto(`${env.url}/login`);
      await page.locator('#email').fill(email);
      await page.locator('#password').fill(PASSWORD);
      await page.locator('form button[type=submit]').click();
      const secret = (await page.locator('code.secret').textContent()) ?? '';
      // The key is also shown as a QR code to scan.
      await expectQrOf(
        page.getByRole('img', { name: 'QR code for your authenticator app' }),
        `otpauth://totp/Switchboard%3Aprofile.admin%40test.switchboard?secret=${secret}&issuer=Switchboard&algorithm=SHA1&digits=6&period=30`,
      );
      expect(await axeViolations(page, 'main')).toEqual([]);
      const app = authenticator(secret);
      await page.locator('#code').fill(app());
      await page.locator('form button[type=submit]').click();
      await page.waitForURL(/\/inbox$/);

      await openProfile(page);
      const twoStep = main(page).getByRole('region', { name: 'Two-step sign-in' });
      await twoStep.getByLabel('Code from the app').fill(app());
      await twoStep.getByRole('button', { name: 'Turn off' }).click();
      await twoStep
        .getByRole('alert')
        .getByText('Admins must keep two-step sign-in in this installation, so it cannot be turned off.')
        .waitFor();
      expect(
        (
          await env.query<{ on: boolean }>(
            'select mfa_enabled_at is not null as on from users where email = $1',
            [email],
          )
        )[0],
      ).toEqual({ on: true });
      expect(await axeViolations(page, 'main')).toEqual([]);
      expect(await cspViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 30_000);
});
