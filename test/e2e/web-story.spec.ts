import {
  axeViolations,
  createTestEnvironment,
  cspViolations,
  launchBrowser,
  recordCspViolations,
  TestEnvironment,
  waitFor,
} from '@switchboard/testing';
import { Clock } from '@switchboard/engine';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const webDist = resolve(process.cwd(), 'apps/web/dist');
// The fixture's "Deals" pipeline: open → review (needs amount and kind) → won / lost.
const FIXTURE = './dist/test/fixtures/plugins/pipeline';
const HOUR = 3_600_000;
// Live changes travel through the event log and the socket: longer than expect.poll's default second.
const LIVE = { timeout: 15_000 };
// Markup a customer controls: run, it would set window.__pwned.
const HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

/**
 * Issue 14's story, one conversation from the customer's first message to a supervisor's take-over, through the
 * real app, api, worker and sandbox: each step is what a person sees in the browser, checked as it happens.
 */
describe('the agent web app, end to end', () => {
  let env: TestEnvironment;
  let browser: Browser;
  let clock: Clock | undefined;
  const pages: Page[] = [];

  beforeAll(async () => {
    expect(
      existsSync(resolve(webDist, 'index.html')),
      'build the web app first: npm run build:web (npm test does)',
    ).toBe(true);
    env = await createTestEnvironment({
      config: {
        server: { webDist },
        plugins: { enabled: [FIXTURE] },
        testing: { clock: 'controllable' },
      },
      // Meta's clock is ours: when we move time, the sandbox's customers and statuses move with it.
      sandbox: { now: () => clock?.now().getTime() ?? Date.now() },
    });
    clock = env.app.get(Clock);
    await env
      .api()
      .put(`/api/numbers/${env.numbers.sales.id}/plugins/fixture-pipeline`)
      .send({ enabled: true })
      .expect(200);
    // The rules assign every new sales conversation to the sales agent.
    await env
      .api()
      .post(`/api/departments/${env.numbers.sales.departmentId}/routing-rules`)
      .send({
        name: 'New leads to the sales agent',
        trigger: 'conversation_opened',
        actions: { assign: { userId: env.users.salesAgent.id } },
      })
      .expect(201);
    await env.as('salesAgent').put('/api/me/availability').send({ status: 'online' }).expect(200);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  async function signedIn(
    actor: 'salesAgent' | 'salesSupervisor' | 'supportAgent',
    path: string,
  ): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    pages.push(page);
    await recordCspViolations(page);
    await page.goto(`${env.url}/login`);
    await page.locator('#email').fill(env.users[actor].email);
    await page.locator('#password').fill(env.users[actor].password);
    await page.locator('form button[type=submit]').click();
    await page.waitForURL(/\/inbox$/);
    await page.locator('[data-connection="live"]').waitFor();
    if (path !== '/inbox') await page.goto(`${env.url}${path}`);
    await page.locator('[data-connection="live"]').waitFor();
    return page;
  }

  const composer = (page: Page) => page.locator('textarea[name=composer]');
  const message = (page: Page, text: string) => page.locator('ol.messages li.message', { hasText: text });
  const tile = (page: Page, name: string) => page.locator(`[data-tile="${name}"] dd`).textContent();
  const pwned = (page: Page) => page.evaluate('window.__pwned');
  const received = (waId: string): string[] =>
    env.sandbox
      .sent(env.numbers.sales.phoneNumberId)
      .filter((s) => s.kind === 'message' && s.waId === waId)
      .map((s) => (s.request as { text?: { body?: string } }).text?.body ?? '');

  it('a customer writes, the agent answers, the window closes, the card moves, a supervisor takes over; no other department sees it', async () => {
    const agent = await signedIn('salesAgent', '/inbox');
    const supervisor = await signedIn('salesSupervisor', '/dashboard');
    const outsider = await signedIn('supportAgent', '/inbox');
    // Nothing is open in sales yet: the supervisor's dashboard starts from zero.
    await expect.poll(() => tile(supervisor, 'open'), LIVE).toBe('0');

    // 1. A customer with a hostile name writes hostile text.
    const waId = '5511955550101';
    const name = `Iara ${HOSTILE}`;
    await env.sandbox.customer(waId, { name }).text(`Quero um orçamento ${HOSTILE}`);

    // It appears live in the agent's inbox, yellow (the customer waits), owned by the agent by the rule.
    const row = agent.locator('button.row', { hasText: name });
    await row.waitFor(LIVE);
    await expect.poll(() => row.locator('.ball').getAttribute('data-sla'), LIVE).toBe('yellow');
    await expect.poll(() => row.locator('.owner').textContent(), LIVE).toBe('salesAgent');
    const id = await conversationOf(waId);
    expect(await row.getAttribute('data-conversation-id')).toBe(id);
    // The dashboard counted it, without a reload.
    await expect.poll(() => tile(supervisor, 'open'), LIVE).toBe('1');

    // 2. The agent opens it and replies; the customer receives the reply and the ticks follow to "read".
    await row.click();
    await message(agent, `Quero um orçamento ${HOSTILE}`).waitFor();
    await composer(agent).fill('Olá Iara! Para quantas pessoas?');
    await composer(agent).press('Enter');
    await waitFor(() => received(waId).includes('Olá Iara! Para quantas pessoas?') || null, {
      what: 'the customer received the reply',
    });
    await message(agent, 'Olá Iara! Para quantas pessoas?')
      .locator('.tick[data-status="read"]')
      .waitFor({ timeout: 20_000 });
    // We spoke last: green in the inbox.
    await expect.poll(() => row.locator('.ball').getAttribute('data-sla'), LIVE).toBe('green');

    // 3. A day passes: the 24-hour window closes and only a template can be sent.
    expect(await composer(agent).count()).toBe(1);
    clock!.set(new Date(Date.now() + 25 * HOUR));
    await agent.getByText('The 24-hour window is closed').waitFor(LIVE);
    expect(await composer(agent).count()).toBe(0);
    await agent.locator('select[name=template]').waitFor();

    // 4. On the board, the card moves to Review; its required fields are asked for in place.
    await agent.getByRole('navigation', { name: 'Main' }).getByRole('menuitem', { name: 'Board' }).click();
    const column = (key: string) => agent.locator(`section.column[data-stage="${key}"]`);
    const card = column('open').locator('article.card', { hasText: name });
    await card.waitFor(LIVE);
    await card.dragTo(column('review'));
    const dialog = agent.getByRole('dialog', { name: 'Before moving to Review' });
    await dialog.getByLabel('Amount').fill('980');
    await dialog.getByLabel('Kind').selectOption('new');
    await dialog.getByRole('button', { name: 'Save and move' }).click();
    await column('review').locator('article.card', { hasText: name }).waitFor(LIVE);
    expect(
      (
        (await env.as('salesAgent').get(`/api/conversations/${id}`).expect(200)).body as {
          card: { stageKey: string };
        }
      ).card.stageKey,
    ).toBe('review');

    // 5. The supervisor opens the conversation and takes it over; the agent's inbox follows.
    await supervisor.goto(`${env.url}/inbox/${id}`);
    await supervisor.locator('[data-owner]', { hasText: 'Owner: salesAgent' }).waitFor(LIVE);
    await supervisor.getByRole('button', { name: 'Take over' }).click();
    await supervisor.locator('[data-owner]', { hasText: 'Owner: salesSupervisor' }).waitFor(LIVE);
    await agent.getByRole('navigation', { name: 'Main' }).getByRole('menuitem', { name: 'Inbox' }).click();
    await expect
      .poll(() => agent.locator('button.row', { hasText: name }).locator('.owner').textContent(), LIVE)
      .toBe('salesSupervisor');

    // 6. Support never saw any of it: after a support customer's message reaches the support agent live (the
    // marker that every earlier event was delivered), the sales conversation is still not there.
    await env.sandbox
      .customer('5511955550199', { phoneNumberId: env.numbers.support.phoneNumberId, name: 'Suporte Zé' })
      .text('Meu pedido atrasou');
    await outsider.locator('button.row', { hasText: 'Suporte Zé' }).waitFor(LIVE);
    expect(await outsider.locator('button.row', { hasText: 'Iara' }).count()).toBe(0);
    expect(await outsider.locator('body').textContent()).not.toContain('Quero um orçamento');
    const refused = await env.as('supportAgent').get(`/api/conversations/${id}`);
    expect([403, 404]).toContain(refused.status);

    // 7. Nothing the customer sent ran anywhere, nothing broke the CSP, and each screen seen is accessible.
    for (const page of [agent, supervisor, outsider]) {
      expect(await pwned(page)).toBeUndefined();
      expect(await cspViolations(page)).toEqual([]);
      expect(await page.locator('img[src="x"]').count()).toBe(0);
    }
    expect(await axeViolations(agent, 'main')).toEqual([]);
    expect(await axeViolations(supervisor, 'main')).toEqual([]);
    await supervisor.goto(`${env.url}/dashboard`);
    await expect.poll(() => tile(supervisor, 'open'), LIVE).toBe('1');
    expect(await axeViolations(supervisor, 'main')).toEqual([]);
    expect(await pwned(supervisor)).toBeUndefined();
  }, 180_000);

  async function conversationOf(waId: string): Promise<string> {
    const [row] = await waitFor(
      () =>
        env.query<{ id: string }>(
          `select c.id from conversations c join contacts k on k.id = c.contact_id where k.wa_id = $1`,
          [waId],
        ),
      { what: `the conversation of ${waId}` },
    );
    return row.id;
  }
});
