import {
  axeViolations,
  createTestEnvironment,
  cspViolations,
  launchBrowser,
  recordCspViolations,
  signInPage,
  TestEnvironment,
} from '@switchboard/testing';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const webDist = resolve(process.cwd(), 'apps/web/dist');
const FIXTURE = './dist/test/fixtures/plugins/settings-form';
const FIRST_SECRET = 'crm-key-first-5f1c9a70';
const NEW_SECRET = 'crm-key-second-8e2d4731';
const REFUSED_SECRET = 'crm-key-third-a4b9c2e6';

interface InstalledView {
  id: string;
  installation: {
    enabled: boolean;
    settings: Record<string, unknown>;
    credentials: { key: string; set: boolean }[];
  } | null;
}

describe('admin: a number’s plugin and its settings, in a real browser', { timeout: 60_000 }, () => {
  let env: TestEnvironment;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let page: Page;
  let form: Locator;
  /** Every answer body the admin's page read, to show no secret ever came back. */
  const answers: Promise<string>[] = [];
  const dialogs: string[] = [];

  const numberId = () => env.numbers.support.id;
  const pluginsAtApi = async () =>
    (await env.api().get(`/api/numbers/${numberId()}/plugins`).expect(200)).body.plugins as InstalledView[];
  const installed = async (pluginId: string) => (await pluginsAtApi()).find((p) => p.id === pluginId)!;
  const sealedKey = async () =>
    (
      await env.query<{ sealed: string }>(
        `select credentials_sealed ->> 'crm.apiKey' as sealed from plugin_installations
          where number_id = $1 and plugin_id = 'fixture-settings'`,
        [numberId()],
      )
    )[0].sealed;

  beforeAll(async () => {
    expect(existsSync(resolve(webDist, 'index.html')), 'build the web app first: npm run build:web').toBe(
      true,
    );
    env = await createTestEnvironment({
      config: { server: { webDist }, plugins: { enabled: [FIXTURE, './plugins/dept-sales'] } },
    });
    await env
      .api()
      .put(`/api/numbers/${numberId()}/plugins/fixture-settings`)
      .send({ enabled: true, credentials: { 'crm.apiKey': FIRST_SECRET } })
      .then((r) => expect(r.status, r.text).toBe(200));
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    await recordCspViolations(context);
    page = await context.newPage();
    page.on('response', (r) => answers.push(r.text().catch(() => '')));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    await signInPage(page, env.url, env.users.admin);
    await page.goto(`${env.url}/admin?section=numbers`);
    await page
      .locator(`tr[data-number="${env.numbers.support.phoneNumberId}"]`)
      .getByRole('button', { name: 'Health and connection' })
      .click();
    form = page.getByRole('form', { name: 'Settings of Settings fixture' });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await env?.close();
  });

  it('shows the active plugin and its settings; a changed setting and secret are stored, the secret never shown', async () => {
    const detail = page.getByRole('region', { name: `Details of ${env.numbers.support.displayPhoneNumber}` });
    const active = detail.getByRole('list', { name: 'Active on this number:' });
    await active.getByText('Settings fixture').waitFor();
    expect(await active.textContent()).toContain('2.3.4');
    expect(await form.getByLabel('Signature').inputValue()).toBe('The team');
    expect(await form.getByLabel('Queue limit').inputValue()).toBe('10');
    expect(await form.getByLabel('CRM API key').inputValue()).toBe('');
    await form.getByText('A value is set; it is never shown. Leave empty to keep it.').waitFor();

    await form.getByLabel('Signature').fill('Equipe Norte');
    await form.getByLabel('Queue limit').fill('25');
    await form.getByLabel('Language of messages to customers').selectOption({ label: 'Spanish' });
    await form.getByLabel('Greet new conversations').uncheck();
    await form.getByLabel('CRM API key').fill(NEW_SECRET);
    await form.getByRole('button', { name: 'Save settings' }).click();
    await detail.getByRole('status').getByText('The settings of Settings fixture were saved.').waitFor();

    const after = await installed('fixture-settings');
    expect(after.installation).toMatchObject({
      enabled: true,
      settings: {
        signature: 'Equipe Norte',
        queueLimit: 25,
        language: 'es',
        greetNewConversations: false,
        csatOnClose: true,
      },
      credentials: [{ key: 'crm.apiKey', set: true }],
    });
    // The new secret is the one stored (sealed): the audit names the credential changed, never its value.
    const [audit] = await env.query<{ details: { credentialsChanged: string[]; settingsKeys: string[] } }>(
      `select details from audit_events where action = 'plugin.installation.changed' order by at desc, id desc limit 1`,
    );
    expect(audit.details.credentialsChanged).toEqual(['crm.apiKey']);
    expect([...audit.details.settingsKeys].sort()).toEqual([
      'greetNewConversations',
      'language',
      'queueLimit',
      'signature',
    ]);
    expect(await sealedKey()).not.toContain(NEW_SECRET);

    // Nowhere: not in a field, not in the page, not in any answer the page or an admin reads.
    expect(await form.getByLabel('CRM API key').inputValue()).toBe('');
    expect(await form.getByLabel('Signature').inputValue()).toBe('Equipe Norte');
    const html = await page.content();
    for (const secret of [FIRST_SECRET, NEW_SECRET]) {
      expect(html).not.toContain(secret);
      for (const path of [
        `/api/numbers/${numberId()}/plugins`,
        '/api/plugin-installations',
        '/api/plugins',
        '/api/audit-events',
      ])
        expect((await env.api().get(path).expect(200)).text, path).not.toContain(secret);
    }
    const read = await Promise.all(answers);
    expect(read.some((body) => body.includes('Equipe Norte'))).toBe(true);
    for (const body of read) {
      expect(body).not.toContain(FIRST_SECRET);
      expect(body).not.toContain(NEW_SECRET);
    }
  });

  it('names the refused fields beside them, stores nothing, and the screen is axe-clean without CSP violations', async () => {
    await form.getByLabel('Signature').fill('x'.repeat(41));
    await form.getByLabel('Queue limit').fill('99');
    await form.getByLabel('Business hours').fill('{"open": "18:00", "close": "09:00"}');
    await form.getByLabel('CRM API key').fill(REFUSED_SECRET);
    const sealedBefore = await sealedKey();
    await form.getByRole('button', { name: 'Save settings' }).click();
    await form.getByRole('alert').getByText('Correct the fields marked above.').waitFor();
    // The earlier "saved" is not left standing beside a refusal.
    expect(await page.getByText('The settings of Settings fixture were saved.').count()).toBe(0);
    const problemOf = async (label: string) => {
      const field = form.getByLabel(label);
      expect(await field.getAttribute('aria-invalid'), label).toBe('true');
      const ids = (await field.getAttribute('aria-describedby')) ?? '';
      return page.locator(`[id="${ids.split(' ')[0]}"]`).textContent();
    };
    expect(await problemOf('Signature')).toContain('<=40 characters');
    expect(await problemOf('Queue limit')).toContain('<=50');
    expect(await problemOf('Business hours')).toContain('close: close (09:00) must be after open (18:00)');
    expect((await installed('fixture-settings')).installation?.settings).toMatchObject({
      signature: 'Equipe Norte',
      queueLimit: 25,
    });
    // The secret typed with the refused values is not kept: not stored, and gone from its field and the page.
    expect(await sealedKey()).toBe(sealedBefore);
    expect(await form.getByLabel('CRM API key').inputValue()).toBe('');
    expect(await page.content()).not.toContain(REFUSED_SECRET);

    expect(await axeViolations(page, '.admin')).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
  });

  it('switches the number to another department plugin after a confirmation saying what changes', async () => {
    const detail = page.getByRole('region', { name: `Details of ${env.numbers.support.displayPhoneNumber}` });
    await detail.getByLabel('Plugin to configure').selectOption({ label: 'Sales 1.0.0 (not installed)' });
    await detail.getByRole('button', { name: 'Activate Sales' }).click();
    await detail.getByRole('status').getByText('Sales is now active on this number.').waitFor();
    expect(dialogs).toEqual([
      `Activate Sales on ${env.numbers.support.displayPhoneNumber}? Settings fixture stops running for this department, and its pipelines, fields and card visibility follow Sales from now on.`,
    ]);
    await detail.getByRole('list', { name: 'Active on this number:' }).getByText('Sales').waitFor();
    expect((await installed('dept-sales')).installation?.enabled).toBe(true);
    expect((await installed('fixture-settings')).installation?.enabled).toBe(false);
    expect(await cspViolations(page)).toEqual([]);
  });

  it('is not open to an agent: no admin screen, and the api refuses the read', async () => {
    const agent = await browser.newContext({ locale: 'en-US' });
    try {
      const p = await agent.newPage();
      await signInPage(p, env.url, env.users.supportAgent);
      await p.goto(`${env.url}/admin?section=numbers`);
      await p.waitForURL(/\/inbox$/);
      expect(await p.getByRole('heading', { name: 'Administration' }).count()).toBe(0);
    } finally {
      await agent.close();
    }
    await env.as('supportAgent').get(`/api/numbers/${numberId()}/plugins`).expect(403);
  });
});
