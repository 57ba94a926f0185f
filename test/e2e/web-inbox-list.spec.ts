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
const CONVERSATIONS = 10_000;

// The budgets of issue 14 (docs/benchmarks.md, "Web app budgets").
const FIRST_PAGE_MS = 1000;
const LONG_TASK_MS = 50;
const LIVE_ROW_MS = 1000;
// Timing budgets take the best of this many tries: the machine is shared, and one unlucky try is not the product.
const TRIES = 3;
// A scroll's longest task is the figure other processes on two shared cores disturb most: the best of five.
const SCROLL_TRIES = 5;

// Collects long tasks from before the app's first script, so a scroll can be judged by what it cost the page.
const RECORD_LONG_TASKS = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
`;

/**
 * The inbox list with 10,000 conversations in the agent's department, seeded with set-based SQL: conversation i
 * (1…10,000) is "Bench 0000i", its last activity i minutes ago; every 5th the team answered last (🟢), the rest
 * wait (🟡) since then; every 4th is urgent; every 10th carries the label "vip". None has a card.
 */
describe('web inbox list with 10,000 conversations', () => {
  let env: TestEnvironment;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let live = 0;

  const rowNames = () => page.locator('button.row .name').allTextContents();
  /** The index of the last row in the page (rows are rendered in order). */
  // Browser-side code as strings: the specs compile without the DOM's types.
  const deepestRow = () =>
    page.evaluate<number>(
      `Math.max(-1, ...[...document.querySelectorAll('li[data-index]')].map((li) => Number(li.dataset.index)))`,
    );
  const firstRow = () => page.locator('li[data-index="0"] button.row .name');

  beforeAll(async () => {
    expect(
      existsSync(resolve(webDist, 'index.html')),
      'build the web app first: npm run build:web (npm test does)',
    ).toBe(true);
    env = await createTestEnvironment({ config: { server: { webDist } } });
    const [sales] = await env.query<{ id: string; department_id: string; waba_id: string }>(
      'select id, department_id, waba_id from whatsapp_numbers where phone_number_id = $1',
      [env.numbers.sales.phoneNumberId],
    );
    await env.query(
      `create temporary table bench_inbox as
         select i, gen_random_uuid() as id, gen_random_uuid() as contact_id, gen_random_uuid() as message_id,
                now() - i * interval '1 minute' as at
           from generate_series(1, ${CONVERSATIONS}) i`,
    );
    await env.query(
      `insert into contacts (id, wa_id, profile_name, created_at, updated_at, waba_id)
       select contact_id, '5599' || lpad(i::text, 9, '0'), 'Bench ' || lpad(i::text, 5, '0'), at, at, $1
         from bench_inbox`,
      [sales.waba_id],
    );
    await env.query(
      `insert into conversations (id, number_id, department_id, contact_id, status, last_speaker, waiting_since,
              last_inbound_at, last_message_at, window_expires_at, created_at, updated_at, priority, labels)
       select id, $1, $2, contact_id, 'open', case when i % 5 = 0 then 'agent' else 'customer' end,
              case when i % 5 = 0 then null else at end, at, at, at + interval '24 hours', at, at,
              case when i % 4 = 0 then 'urgent' else 'normal' end,
              case when i % 10 = 0 then array['vip'] else array[]::text[] end
         from bench_inbox`,
      [sales.id, sales.department_id],
    );
    await env.query(
      `insert into messages (id, wamid, conversation_id, direction, type, body, content, status, created_at,
              updated_at, number_id)
       select message_id, 'wamid.inbox.' || i, id, 'in', 'text', 'Mensagem ' || i, '{}'::jsonb, 'received', at, at, $1
         from bench_inbox`,
      [sales.id],
    );
    await env.query('analyze contacts, conversations, messages');
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    await recordCspViolations(context);
    await context.addInitScript({ content: RECORD_LONG_TASKS });
    page = await context.newPage();
    await signInPage(page, env.url, env.users.salesAgent);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  it(`shows the first page in ≤ ${FIRST_PAGE_MS} ms, with only the rows in view in the page`, async () => {
    const times: number[] = [];
    for (let i = 0; i < TRIES; i++) {
      await page.goto('about:blank');
      const start = Date.now();
      await page.goto(`${env.url}/inbox`);
      await firstRow().waitFor();
      times.push(Date.now() - start);
    }
    console.info(`inbox budget: first row after ${times.join(', ')} ms`);
    expect(Math.min(...times), `first row after ${times.join(', ')} ms`).toBeLessThanOrEqual(FIRST_PAGE_MS);
    expect(await firstRow().textContent()).toBe('Bench 00001');
    expect(await page.locator('button.row', { hasText: 'Bench 00001' }).textContent()).toContain(
      'Mensagem 1',
    );
    // A hundred rows are loaded, a screenful (plus margins) rendered.
    expect(await page.locator('button.row').count()).toBeLessThan(40);
    expect(await cspViolations(page)).toEqual([]);
    await page.getByText('Saved filters', { exact: true }).first().click();
    expect(await axeViolations(page, '.inbox > .list')).toEqual([]);
    await page.getByText('Saved filters', { exact: true }).first().click();
    if (process.env.SCREENSHOTS === '1')
      await page.screenshot({ path: resolve(process.cwd(), 'docs/screenshots/inbox.png') });
  });

  it(`scrolls past row 3,000 without a long task over ${LONG_TASK_MS} ms`, async () => {
    const worst: number[] = [];
    for (let i = 0; i < SCROLL_TRIES; i++) {
      await page.goto(`${env.url}/inbox`);
      await firstRow().waitFor();
      const box = await page.locator('.viewport').boundingBox();
      if (!box) throw new Error('no list on the page');
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      // Only what the scroll costs: the page's own load, reported late, is not part of it.
      const scrollStart = await page.evaluate(() => performance.now());
      // Row 3,000 is 228,000 px down, 1,600 px (21 rows) a wheel turn; pages of rows are read on the way as the end of what is loaded nears.
      await waitFor(
        async () => {
          await page.mouse.wheel(0, 1600);
          await page.evaluate('new Promise((done) => requestAnimationFrame(() => done(null)))');
          return (await deepestRow()) >= 3000 || null;
        },
        { what: 'row 3,000 in view', timeoutMs: 40_000, intervalMs: 0 },
      );
      const tasks = await page.evaluate<[number, number][]>('window.__longTasks');
      worst.push(
        Math.max(0, ...tasks.filter(([start]) => start >= scrollStart).map(([, duration]) => duration)),
      );
    }
    console.info(`inbox budget: longest task per scroll ${worst.join(', ')} ms`);
    expect(Math.min(...worst), `longest task per try: ${worst.join(', ')} ms`).toBeLessThanOrEqual(
      LONG_TASK_MS,
    );
    // Row i is the (i + 1)th newest: "Bench 0(i + 1)".
    const index = await deepestRow();
    const name = `Bench ${String(index + 1).padStart(5, '0')}`;
    expect(await page.locator(`li[data-index="${index}"] .name`).textContent()).toBe(name);
    expect(await page.locator('button.row').count()).toBeLessThan(40);
  }, 180_000);

  it(`shows a customer's message on an open inbox in ≤ ${LIVE_ROW_MS} ms`, async () => {
    await page.goto(`${env.url}/inbox`);
    await firstRow().waitFor();
    await page.locator('[data-connection="live"]').waitFor();
    const times: number[] = [];
    for (let i = 0; i < TRIES; i++) {
      const name = `Ao Vivo ${++live}`;
      const start = Date.now();
      await env.sandbox
        .customer(`55119777700${String(live).padStart(2, '0')}`, { name })
        .text('Oi, chegou agora');
      await page.locator('li[data-index="0"] button.row', { hasText: name }).waitFor({ timeout: 15_000 });
      times.push(Date.now() - start);
    }
    console.info(`inbox budget: live row after ${times.join(', ')} ms`);
    expect(Math.min(...times), `row shown after ${times.join(', ')} ms`).toBeLessThanOrEqual(LIVE_ROW_MS);
  });

  it('search, filters and sorts list what the api has for each', async () => {
    await page.goto(`${env.url}/inbox`);
    await firstRow().waitFor();
    const search = page.getByRole('searchbox', { name: 'Search' });
    await search.fill('Bench 00042');
    await expect.poll(rowNames).toEqual(['Bench 00042']);
    await search.fill('5599000000077');
    await expect.poll(rowNames).toEqual(['Bench 00077']);
    await search.fill('');
    await expect.poll(() => firstRow().textContent()).toMatch(/^Ao Vivo/);

    const select = (label: string) => page.getByRole('combobox', { name: label, exact: true });
    await select('Priority').selectOption({ label: 'Urgent' });
    await expect.poll(() => firstRow().textContent()).toBe('Bench 00004');
    await expect.poll(() => page.locator('li[data-index="1"] .name').textContent()).toBe('Bench 00008');
    await select('Priority').selectOption({ label: 'Any' });

    await select('SLA state').selectOption({ label: '🟢 Answered' });
    await expect.poll(() => firstRow().textContent()).toBe('Bench 00005');
    await expect(page.locator('li[data-index="0"] .ball').getAttribute('data-sla')).resolves.toBe('green');
    await select('SLA state').selectOption({ label: 'Any' });

    await page.getByRole('textbox', { name: 'Label' }).fill('VIP');
    await expect.poll(() => firstRow().textContent()).toBe('Bench 00010');
    await page.getByRole('textbox', { name: 'Label' }).fill('');

    // Only the live conversations have cards, in the first stage.
    await select('Stage').selectOption({ label: 'New' });
    await expect.poll(async () => (await rowNames()).sort()).toEqual(['Ao Vivo 1', 'Ao Vivo 2', 'Ao Vivo 3']);
    await select('Stage').selectOption({ label: 'Any' });

    // Waiting longest: 10,000 answered last (every 5th), so 9,999 has waited longest.
    await select('Sort by').selectOption({ label: 'Waiting longest' });
    await expect.poll(() => firstRow().textContent()).toBe('Bench 09999');
    await expect.poll(() => page.locator('li[data-index="1"] .name').textContent()).toBe('Bench 09998');
  });

  it('keeps a saved filter for the user across a reload, and the arrow keys walk the rows', async () => {
    await page.goto(`${env.url}/inbox`);
    await firstRow().waitFor();
    await page.getByRole('combobox', { name: 'Priority', exact: true }).selectOption({ label: 'Urgent' });
    await expect.poll(() => firstRow().textContent()).toBe('Bench 00004');
    await page.getByText('Saved filters', { exact: true }).first().click();
    await page.getByRole('textbox', { name: 'Save current as' }).fill('Urgentes');
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    await page.reload();
    await expect.poll(() => firstRow().textContent()).toMatch(/^Ao Vivo/);
    await page.getByText('Saved filters', { exact: true }).first().click();
    await page.getByRole('combobox', { name: 'Use a saved filter' }).selectOption({ label: 'Urgentes' });
    await expect.poll(() => firstRow().textContent()).toBe('Bench 00004');

    await page.locator('li[data-index="0"] button.row').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate<string>(`document.activeElement?.closest('li')?.dataset.index`)).toBe('2');
    expect(await page.evaluate<string>(`document.activeElement?.querySelector('.name')?.textContent`)).toBe(
      'Bench 00012',
    );
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/inbox\/[0-9a-f-]{36}$/);
  });
});
