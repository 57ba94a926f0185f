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
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const webDist = resolve(process.cwd(), 'apps/web/dist');
const FIXTURE = './dist/test/fixtures/plugins/pipeline';
// The fixture's "Deals" pipeline: its "lost" stage has no WIP limit and needs no fields until the admin says so.
const CUSTOMERS = [
  { waId: '5511955550001', name: 'Alice Lima' },
  { waId: '5511955550002', name: 'Beto Nunes' },
];
const LIVE = { timeout: 15_000 };

describe('admins adjust a pipeline in a real browser; the board follows', () => {
  let env: TestEnvironment;
  let browser: Browser;
  let context: BrowserContext;
  const cardIds = new Map<string, string>();

  async function open(who: { email: string; password: string }, path: string): Promise<Page> {
    await context?.close();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await recordCspViolations(context);
    const page = await context.newPage();
    await signInPage(page, env.url, who);
    await page.goto(`${env.url}${path}`);
    return page;
  }
  const deals = (page: Page) => page.getByRole('article', { name: 'Sales · Deals deals' });
  const cells = async (page: Page, row: string) =>
    (await deals(page).locator(`${row} td`).allTextContents()).map((c) => c.replace(/\s+/g, ' ').trim());

  beforeAll(async () => {
    expect(existsSync(resolve(webDist, 'index.html')), 'build the web app first: npm run build:web').toBe(
      true,
    );
    env = await createTestEnvironment({ config: { server: { webDist }, plugins: { enabled: [FIXTURE] } } });
    await env
      .api()
      .put(`/api/numbers/${env.numbers.sales.id}/plugins/fixture-pipeline`)
      .send({ enabled: true })
      .expect(200);
    for (const c of CUSTOMERS)
      await env.sandbox
        .customer(c.waId, { phoneNumberId: env.numbers.sales.phoneNumberId, name: c.name })
        .text('Quero um orçamento');
    for (const c of CUSTOMERS) {
      const [row] = await waitFor(
        () =>
          env.query<{ id: string }>(
            `select k.id from cards k join conversations v on v.id = k.conversation_id
               join contacts ct on ct.id = v.contact_id join pipelines p on p.id = k.pipeline_id
              where ct.wa_id = $1 and p.key = 'deals'`,
            [c.waId],
          ),
        { what: `the card of ${c.name}` },
      );
      cardIds.set(c.name, row.id);
    }
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await env?.close();
  });

  it('an admin sets a WIP limit of 1 and a required field on a stage, with problems shown by field', async () => {
    const page = await open(env.users.admin, '/admin?section=pipelines');
    await page.getByLabel('Department').selectOption({ label: 'Sales' });
    await deals(page).getByRole('button', { name: 'Adjust the stage Lost' }).click();
    const form = page.getByRole('form', { name: 'Adjust the stage Lost' });
    // Half-typed: refused beside the field, never read as "no limit".
    await form.getByLabel('WIP limit').fill('1e');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('A positive whole number, or empty for no limit.').waitFor();
    await form.getByLabel('WIP limit').fill('0');
    await form.getByLabel('Name').fill('L'.repeat(101));
    await form.getByRole('button', { name: 'Save' }).click();
    // The limit is checked here, the name's length by the api: each problem beside its field.
    await form.getByText('A positive whole number, or empty for no limit.').waitFor();
    await form.getByLabel('WIP limit').fill('1');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('must be at most 100 characters').waitFor();
    expect(await form.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page, '.admin')).toEqual([]);

    await form.getByLabel('Name').fill('Lost');
    await form.getByRole('checkbox', { name: 'Summary' }).check();
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });
    expect((await cells(page, 'tr[data-stage="lost"]')).slice(2)).toEqual(['Done', '1', 'Summary', 'Adjust']);
    await deals(page).locator('tr[data-stage="lost"]').getByText('Adjusted by an admin').waitFor();
    const lost = (
      (await env.api().get(`/api/pipelines?departmentId=${env.numbers.sales.departmentId}`).expect(200))
        .body as { key: string; stages: { key: string; wipLimit: number; overridden: string[] }[] }[]
    )
      .find((p) => p.key === 'deals')!
      .stages.find((s) => s.key === 'lost')!;
    expect(lost).toMatchObject({ wipLimit: 1, overridden: ['wipLimit', 'requiredFields'] });
    expect(await cspViolations(page)).toEqual([]);
  });

  it("the agent's board asks for the required field in place, then refuses a second card with the reason", async () => {
    // Beto already has a summary, so his move goes straight to the limit check.
    await env
      .as('salesAgent')
      .patch(`/api/cards/${cardIds.get('Beto Nunes')}`)
      .send({ fields: { summary: 'ready' } })
      .expect(200);
    const page = await open(env.users.salesAgent, '/board');
    const column = (key: string) => page.locator(`section.column[data-stage="${key}"]`);
    const cardIn = (key: string, name: string) => column(key).locator('article.card', { hasText: name });
    await expect
      .poll(() => column('lost').locator('.head .count [aria-hidden="true"]').textContent(), LIVE)
      .toBe('0 / 1');

    await cardIn('open', 'Alice Lima').dragTo(column('lost'));
    const dialog = page.getByRole('dialog', { name: 'Before moving to Lost' });
    await dialog.getByLabel('Summary').fill('price');
    await dialog.getByRole('button', { name: 'Save and move' }).click();
    await cardIn('lost', 'Alice Lima').waitFor();

    await cardIn('open', 'Beto Nunes').dragTo(column('lost'));
    await expect
      .poll(() => page.getByRole('alert').textContent(), LIVE)
      .toBe('Not moved: stage "Lost" is at its WIP limit of 1 cards: move one out first');
    expect(await cardIn('open', 'Beto Nunes').count()).toBe(1);
    expect(await axeViolations(page, '.board-screen')).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
  });

  it("the admin resets the WIP limit to the plugin's value", async () => {
    const page = await open(env.users.admin, '/admin?section=pipelines');
    await page.getByLabel('Department').selectOption({ label: 'Sales' });
    await deals(page).getByRole('button', { name: 'Adjust the stage Lost' }).click();
    const form = page.getByRole('form', { name: 'Adjust the stage Lost' });
    expect(await form.getByRole('button', { name: /^Reset / }).allTextContents()).toEqual([
      'Reset the WIP limit to the plugin’s',
      'Reset the required fields to the plugin’s',
    ]);
    await form.getByRole('button', { name: 'Reset the WIP limit to the plugin’s' }).click();
    await form.waitFor({ state: 'detached' });
    expect((await cells(page, 'tr[data-stage="lost"]'))[3]).toBe('No limit');
    expect(await cspViolations(page)).toEqual([]);
  });
});
