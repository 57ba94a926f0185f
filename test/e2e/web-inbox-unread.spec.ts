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

/**
 * The inbox row's unread badge in a real browser: it appears and grows live as the customer writes, opening the
 * conversation clears it in that tab and, through the reader's own socket room, in their other tab too; a message
 * arriving while the conversation is open and visible is read at once.
 */
describe('web inbox unread badges', () => {
  let env: TestEnvironment;
  let browser: Browser;
  let context: BrowserContext;
  let tabA: Page;
  let tabB: Page;
  const waId = '5511966660001';

  const customer = () =>
    env.sandbox.customer(waId, { name: 'Beatriz Unread', phoneNumberId: env.numbers.sales.phoneNumberId });
  const row = (page: Page) => page.locator('button.row', { hasText: 'Beatriz Unread' });
  /** The badge's visible number, or null when there is none. */
  const badge = async (page: Page) => {
    const b = row(page).locator('[data-unread]');
    return (await b.count()) ? ((await b.locator('[aria-hidden=true]').textContent()) ?? '').trim() : null;
  };
  const apiUnread = async (id: string) =>
    (await env.as('salesAgent').get(`/api/conversations/${id}`).expect(200)).body.unreadCount as number;

  beforeAll(async () => {
    expect(
      existsSync(resolve(webDist, 'index.html')),
      'build the web app first: npm run build:web (npm test does)',
    ).toBe(true);
    env = await createTestEnvironment({ config: { server: { webDist } } });
    browser = await launchBrowser();
    context = await browser.newContext();
    await recordCspViolations(context);
    tabA = await context.newPage();
    tabB = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  it('shows the count live, clears it on opening in this tab and the other, and reads what arrives while open', async () => {
    await customer().text('bom dia');
    const [{ id }] = await waitFor(() =>
      env.query<{ id: string }>(
        'select c.id from conversations c join contacts k on k.id = c.contact_id where k.wa_id = $1',
        [waId],
      ),
    );
    await signInPage(tabA, env.url, env.users.salesAgent);
    await signInPage(tabB, env.url, env.users.salesAgent);
    for (const tab of [tabA, tabB]) await expect.poll(() => badge(tab), { timeout: 10_000 }).toBe('1');

    // Live: the row is read again on the message event and carries the new count.
    await customer().text('vocês estão aí?');
    for (const tab of [tabA, tabB]) await expect.poll(() => badge(tab), { timeout: 10_000 }).toBe('2');
    const label = row(tabA).locator('[data-unread] .visually-hidden');
    expect(await label.textContent()).toBe('2 unread');
    expect(await axeViolations(tabA, '.inbox > .list')).toEqual([]);

    // Opening it in tab A reads it: the badge goes in A, and in B through the reader's own socket room.
    await row(tabA).click();
    await expect
      .poll(() => tabA.locator('ol.messages li').allTextContents(), { timeout: 10_000 })
      .toEqual([expect.stringContaining('bom dia'), expect.stringContaining('vocês estão aí?')]);
    await expect.poll(() => badge(tabA), { timeout: 10_000 }).toBeNull();
    await expect.poll(() => badge(tabB), { timeout: 10_000 }).toBeNull();
    expect(await apiUnread(id)).toBe(0);

    // A message arriving while the conversation is open (and the tab visible) is read as it is shown.
    await tabA.bringToFront();
    await customer().text('tenho uma dúvida');
    await tabA.locator('ol.messages li', { hasText: 'tenho uma dúvida' }).waitFor({ timeout: 10_000 });
    await waitFor(async () => (await apiUnread(id)) === 0 || null, { what: 'the new message read' });
    await expect.poll(() => badge(tabA), { timeout: 10_000 }).toBeNull();
    await expect.poll(() => badge(tabB), { timeout: 10_000 }).toBeNull();

    expect(await cspViolations(tabA)).toEqual([]);
    expect(await cspViolations(tabB)).toEqual([]);
  });
});
