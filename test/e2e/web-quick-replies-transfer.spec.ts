import { WhatsappNumberService } from '@switchboard/channels';
import {
  axeViolations,
  createTestEnvironment,
  cspViolations,
  launchBrowser,
  recordCspViolations,
  TestEnvironment,
  waitFor,
} from '@switchboard/testing';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const webDist = resolve(process.cwd(), 'apps/web/dist');
const shots = resolve(process.cwd(), 'docs/screenshots');

describe('web: quick replies from the api, and the transfer list of a supervisor', () => {
  let env: TestEnvironment;
  let browser: Browser;
  /** A second number of Sales' WhatsApp account, bound to Support. */
  let secondNumber: string;
  let n = 0;

  beforeAll(async () => {
    expect(existsSync(resolve(webDist, 'index.html')), 'build the web app first: npm run build:web').toBe(
      true,
    );
    env = await createTestEnvironment({ config: { server: { webDist } } });
    // HR is for its members only: no Sales supervisor sees it as a target.
    await env
      .api()
      .patch(`/api/departments/${env.numbers.hr.departmentId}`)
      .send({ membersOnly: true })
      .expect(200);
    secondNumber = (
      await env.app.get(WhatsappNumberService).upsert({
        phoneNumberId: '100000000000021',
        displayPhoneNumber: '+1 555 0021',
        wabaId: env.numbers.sales.wabaId,
        departmentId: env.numbers.support.departmentId,
        accessToken: 'token-second',
        appSecret: 'test-app-secret-shared',
        verifyToken: 'verify-second',
        graphBaseUrl: env.sandbox.url,
        graphVersion: env.sandbox.graphVersion,
      })
    ).id;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  async function signedIn(actor: 'salesAgent' | 'salesSupervisor' | 'admin'): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await recordCspViolations(page);
    await page.goto(`${env.url}/login`);
    await page.locator('#email').fill(env.users[actor].email);
    await page.locator('#password').fill(env.users[actor].password);
    await page.locator('form button[type=submit]').click();
    await page.waitForURL(/\/inbox$/);
    await page.locator('[data-connection="live"]').waitFor();
    return page;
  }

  async function customerWrites(name: string, text: string): Promise<{ waId: string; id: string }> {
    const waId = `5511966${Date.now().toString().slice(-4)}${String(n++).padStart(2, '0')}`;
    await env.sandbox.customer(waId, { name }).text(text);
    const [row] = await waitFor(
      async () => {
        const r = await env.query<{ id: string }>(
          `select c.id from conversations c join contacts k on k.id = c.contact_id
            where k.wa_id = $1 and exists (select 1 from messages m where m.conversation_id = c.id)`,
          [waId],
        );
        return r.length ? r : null;
      },
      { what: `the conversation of ${name}` },
    );
    return { waId, id: row.id };
  }

  const screenshot = async (page: Page, name: string) => {
    if (process.env.SCREENSHOTS !== '1') return;
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: resolve(shots, `${name}.png`) });
  };

  const composer = (page: Page) => page.locator('textarea[name=composer]');

  it("the composer offers the department's quick replies: filtered by typing, picked with the keyboard, placeholders filled", async () => {
    const sales = env.numbers.sales.departmentId;
    for (const body of [
      { shortcut: 'hello', title: 'Greeting', text: 'Olá {{contact.name}}, aqui é {{ agent.name }}.' },
      { shortcut: 'price', title: 'Price list', text: 'Nossos preços estão no site.' },
    ])
      await env.as('salesSupervisor').post(`/api/departments/${sales}/quick-replies`).send(body).expect(201);
    const { waId, id } = await customerWrites('Rita Rápida', 'Bom dia');
    const page = await signedIn('salesAgent');
    try {
      await page.goto(`${env.url}/inbox/${id}`);
      await page.locator('ol.messages li.message', { hasText: 'Bom dia' }).waitFor();
      await page.getByRole('button', { name: 'Quick replies' }).click();
      const search = page.getByRole('searchbox', { name: 'Search quick replies' });
      await search.waitFor();
      const menu = page.locator('#quick-replies-menu');
      await menu.locator('button.use', { hasText: '/price' }).waitFor();
      expect(await menu.locator('button.use .shortcut').allTextContents()).toEqual(['/hello', '/price']);
      expect(await axeViolations(page, '.quick')).toEqual([]);
      await screenshot(page, 'quick-replies');

      // The search box has the focus: typing filters, the arrow moves to the reply, Enter picks it.
      await page.keyboard.type('/hel');
      await expect.poll(() => menu.locator('button.use .shortcut').allTextContents()).toEqual(['/hello']);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await expect.poll(() => composer(page).inputValue()).toBe('Olá Rita Rápida, aqui é salesAgent.');
      expect(await menu.count()).toBe(0);

      // Esc closes the picker and gives the focus back to its button.
      await page.getByRole('button', { name: 'Quick replies' }).click();
      await search.waitFor();
      await page.keyboard.press('Escape');
      await expect.poll(() => menu.count()).toBe(0);
      expect(await page.evaluate('document.activeElement?.textContent?.trim()')).toBe('⚡ Quick replies');

      await composer(page).press('Enter');
      await waitFor(
        () =>
          env.sandbox
            .sent(env.numbers.sales.phoneNumberId)
            .some(
              (s) =>
                s.kind === 'message' &&
                s.waId === waId &&
                (s.request as { text?: { body?: string } }).text?.body ===
                  'Olá Rita Rápida, aqui é salesAgent.',
            ) || null,
        { what: 'the customer received the quick reply' },
      );
      expect(await cspViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('an admin adds a quick reply in the admin screen, and the api has it', async () => {
    const page = await signedIn('admin');
    try {
      await page.goto(`${env.url}/admin?section=quick-replies`);
      await page.getByLabel('Department').selectOption({ label: 'Support' });
      await page.getByText('This department has no quick replies yet.').waitFor();
      await page.getByLabel('Shortcut').fill('thanks');
      await page.getByLabel('Title').fill('Thanks');
      await page.getByLabel('Text').fill('Obrigado, {{contact.name}}!');
      await page.getByRole('button', { name: 'Add quick reply' }).click();
      await page.locator('td', { hasText: '/thanks' }).waitFor();
      const list = await env
        .api()
        .get(`/api/departments/${env.numbers.support.departmentId}/quick-replies`)
        .expect(200);
      expect(list.body.map((r: { shortcut: string; text: string }) => [r.shortcut, r.text])).toEqual([
        ['thanks', 'Obrigado, {{contact.name}}!'],
      ]);
      // A refusal names the field.
      await page.getByLabel('Shortcut').fill('thanks');
      await page.getByLabel('Title').fill('Again');
      await page.getByLabel('Text').fill('Again');
      await page.getByRole('button', { name: 'Add quick reply' }).click();
      await page.getByRole('alert').filter({ hasText: 'shortcut: "thanks" is already used' }).waitFor();
      expect(await axeViolations(page, '.admin-section')).toEqual([]);
      expect(await cspViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("a supervisor's transfer list shows the targets the api gives them; a number asks first, then continues there", async () => {
    const { id } = await customerWrites('Teo Transferido', 'É com o suporte');
    const page = await signedIn('salesSupervisor');
    try {
      await page.goto(`${env.url}/inbox/${id}`);
      await page.locator('ol.messages li.message', { hasText: 'É com o suporte' }).waitFor();
      const transfer = page.locator('.pane').getByLabel('Transfer to');
      await transfer.locator('option', { hasText: '+1 555 0021' }).waitFor({ state: 'attached' });
      expect(
        await transfer.locator('optgroup').evaluateAll((g) => g.map((x) => x.getAttribute('label'))),
      ).toEqual(['Departments', 'Other numbers']);
      expect(await transfer.locator('option:not([disabled])').allTextContents()).toEqual([
        'Support',
        '+1 555 0021 · Support',
      ]);

      await transfer.selectOption({ label: '+1 555 0021 · Support' });
      const dialog = page.getByRole('dialog', { name: 'Continue on another number' });
      await dialog.waitFor();
      await dialog.getByText('Until the customer writes to that number, only approved templates').waitFor();
      expect(await axeViolations(page, '.number-dialog')).toEqual([]);
      await screenshot(page, 'transfer-to-number');
      await dialog.getByLabel('Note for the new team (optional)').fill('Cliente de suporte');
      await dialog.getByRole('button', { name: 'Transfer' }).click();

      const moved = await waitFor(
        async () => {
          const r = await env.query<{ id: string; department_id: string }>(
            `select c.id, c.department_id from conversations c
              where c.number_id = $1 and c.status = 'open'
                and c.contact_id = (select contact_id from conversations where id = $2)`,
            [secondNumber, id],
          );
          return r.length ? r[0] : null;
        },
        { what: 'the conversation continued on the second number' },
      );
      expect(moved.department_id).toBe(env.numbers.support.departmentId);
      expect((await env.api().get(`/api/conversations/${id}`).expect(200)).body.status).toBe('closed');
      await page.getByRole('button', { name: 'Reopen' }).waitFor();
      expect(await cspViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
