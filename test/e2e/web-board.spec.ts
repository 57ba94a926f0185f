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
import { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const webDist = resolve(process.cwd(), 'apps/web/dist');
const FIXTURE = './dist/test/fixtures/plugins/pipeline';
// The fixture's "Deals" pipeline: open → review (needs amount and kind, WIP limit 2) → won / lost.
const CUSTOMERS = [
  { waId: '5511966660001', name: 'Ana Prado' },
  { waId: '5511966660002', name: 'Bruno Reis' },
  { waId: '5511966660003', name: 'Carla Dias' },
  { waId: '5511966660004', name: 'Davi Melo' },
];

// Live changes travel through the event log and the socket: give them longer than expect.poll's default second.
const LIVE = { timeout: 15_000 };

describe('web board in a real browser', () => {
  let env: TestEnvironment;
  let browser: Browser;
  let page: Page;
  const cardIds = new Map<string, string>();

  /** The card's stage key and fields, read through the api. */
  const cardOf = async (name: string) => {
    const res = await env
      .as('salesAgent')
      .get(`/api/cards/${cardIds.get(name)}`)
      .expect(200);
    return res.body as { stage: { key: string }; fields: Record<string, unknown> };
  };
  const column = (key: string) => page.locator(`section.column[data-stage="${key}"]`);
  const cardIn = (key: string, name: string) => column(key).locator('article.card', { hasText: name });
  // The count as seen (screen readers hear a sentence instead).
  const countOf = (key: string) => column(key).locator('.head .count [aria-hidden="true"]').textContent();
  const conversationOf = async (name: string) =>
    (
      (
        await env
          .as('salesAgent')
          .get(`/api/cards/${cardIds.get(name)}`)
          .expect(200)
      ).body as { conversationId: string }
    ).conversationId;

  async function signIn(on: Page, who: { email: string; password: string }): Promise<void> {
    await on.goto(`${env.url}/login`);
    await on.locator('#email').fill(who.email);
    await on.locator('#password').fill(who.password);
    await on.getByRole('button', { name: 'Sign in' }).click();
    await on.getByRole('navigation', { name: 'Main' }).getByRole('menuitem', { name: 'Board' }).click();
  }

  beforeAll(async () => {
    expect(
      existsSync(resolve(webDist, 'index.html')),
      'build the web app first: npm run build:web (npm test does)',
    ).toBe(true);
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
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await recordCspViolations(page);
    await signIn(page, env.users.salesAgent);
  });
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  it('shows the department pipeline with a count per stage and the WIP limit beside it', async () => {
    await page.getByRole('heading', { name: 'Review' }).waitFor();
    // Sales has its own pipeline and the fixture's: the picker offers both, the default (Deals) shown.
    expect(await page.getByLabel('Pipeline').locator('option:checked').textContent()).toBe('Deals');
    await expect.poll(() => countOf('open'), LIVE).toBe('4');
    expect(await countOf('review')).toBe('0 / 2');
    expect(await countOf('won')).toBe('0');
    expect(await countOf('lost')).toBe('0');
    expect((await column('open').locator('article.card h3').allTextContents()).sort()).toEqual(
      CUSTOMERS.map((c) => c.name).sort(),
    );
  });

  it('a drag to a stage with required fields asks for them in place, shows the api reason, then moves', async () => {
    await cardIn('open', 'Ana Prado').dragTo(column('review'));
    const dialog = page.getByRole('dialog', { name: 'Before moving to Review' });
    await dialog.waitFor();
    await dialog.getByLabel('Amount').fill('12.345');
    await dialog.getByLabel('Kind').selectOption('new');
    await dialog.getByRole('button', { name: 'Save and move' }).click();
    await dialog.getByText('has more than 2 decimal places').waitFor();
    expect((await cardOf('Ana Prado')).stage.key).toBe('open');
    // Accessible with the dialog open and its refusal shown (axe, WCAG 2 A/AA); nothing refused by the CSP.
    expect(await page.locator('.board-screen dialog[open]').count()).toBe(1);
    expect(await axeViolations(page, '.board-screen')).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);

    await dialog.getByLabel('Amount').fill('1500');
    await dialog.getByRole('button', { name: 'Save and move' }).click();
    await cardIn('review', 'Ana Prado').waitFor();
    expect(await dialog.isVisible()).toBe(false);
    const ana = await cardOf('Ana Prado');
    expect(ana.stage.key).toBe('review');
    expect(ana.fields).toMatchObject({ amount: { amount: 1500, currency: 'BRL' }, kind: 'new' });
    await expect.poll(() => countOf('review'), LIVE).toBe('1 / 2');
    expect(await countOf('open')).toBe('3');
  });

  it('a stage at its WIP limit refuses the drop with the api reason, and the card stays', async () => {
    const filled = { amount: 200, kind: 'renewal' };
    await env
      .as('salesAgent')
      .post(`/api/cards/${cardIds.get('Davi Melo')}/move`)
      .send({ stage: 'review', fields: filled })
      .expect(200);
    await env
      .as('salesAgent')
      .patch(`/api/cards/${cardIds.get('Carla Dias')}`)
      .send({ fields: filled })
      .expect(200);
    // The move made elsewhere arrives live.
    await expect.poll(() => countOf('review'), LIVE).toBe('2 / 2');

    await cardIn('open', 'Carla Dias').dragTo(column('review'));
    await expect
      .poll(() => page.getByRole('alert').textContent(), LIVE)
      .toBe('Not moved: stage "Review" is at its WIP limit of 2 cards: move one out first');
    expect((await cardOf('Carla Dias')).stage.key).toBe('open');
    expect(await cardIn('open', 'Carla Dias').count()).toBe(1);
  });

  it('moves a card with the keyboard alone', async () => {
    const trigger = cardIn('open', 'Bruno Reis').getByRole('button', {
      name: 'Move “Bruno Reis” to another stage',
    });
    await trigger.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: 'Move “Bruno Reis” to another stage' });
    // The other stages in board order; the first has focus.
    await menu.waitFor();
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(['Review', 'Won', 'Lost']);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await cardIn('lost', 'Bruno Reis').waitFor();
    expect((await cardOf('Bruno Reis')).stage.key).toBe('lost');
    // The focus follows the card to its new column: on its "Move" button again, not lost to the page.
    await expect
      .poll(() => page.evaluate<string | null>(`document.activeElement?.getAttribute('aria-label') ?? null`))
      .toBe('Move “Bruno Reis” to another stage');
    expect([
      await countOf('open'),
      await countOf('review'),
      await countOf('won'),
      await countOf('lost'),
    ]).toEqual(['1', '2 / 2', '0', '1']);
    if (process.env.SCREENSHOTS === '1') {
      mkdirSync('docs/screenshots', { recursive: true });
      await page.screenshot({ path: 'docs/screenshots/board.png' });
    }
  });

  it('searches and filters by priority and label, and lists the same cards as a table', async () => {
    const titles = () => page.locator('article.card h3').allTextContents();
    await env
      .api()
      .put(`/api/conversations/${await conversationOf('Davi Melo')}/priority`)
      .send({ priority: 'urgent' })
      .expect(200);
    await env
      .api()
      .post(`/api/conversations/${await conversationOf('Ana Prado')}/labels`)
      .send({ add: ['vip'] })
      .expect(200);

    await page.getByLabel('Search').fill('Carla');
    await expect.poll(titles, LIVE).toEqual(['Carla Dias']);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('combobox', { name: 'Priority' }).selectOption('urgent');
    await expect.poll(titles, LIVE).toEqual(['Davi Melo']);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('textbox', { name: 'Label' }).fill('vip');
    await expect.poll(titles, LIVE).toEqual(['Ana Prado']);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => page.locator('article.card').count(), LIVE).toBe(4);

    await page.getByRole('button', { name: 'List' }).click();
    const rows = page.locator('table tbody tr');
    await expect.poll(() => rows.count(), LIVE).toBe(4);
    const listed = await rows.evaluateAll((trs) =>
      trs.map((tr) => [
        tr.querySelector('th')?.textContent?.trim(),
        tr.querySelector('td.stage')?.textContent?.trim(),
      ]),
    );
    expect(listed.sort()).toEqual([
      ['Ana Prado', 'Review'],
      ['Bruno Reis', 'Lost'],
      ['Carla Dias', 'Open'],
      ['Davi Melo', 'Review'],
    ]);
    await page.getByRole('button', { name: 'Board' }).click();
    await column('open').waitFor();
  });

  it("shows each card's owner, priority and labels, and follows their changes live", async () => {
    const agent = env.users.salesAgent;
    await env.api().patch(`/api/users/${agent.id}`).send({ name: 'Sofia Alves' }).expect(200);
    // The previous test's priority and label, set while the board was shown, are on their cards.
    await cardIn('review', 'Davi Melo').locator('.priority').waitFor();
    // What a screen reader gets (the ▲ and the avatar are decoration).
    expect(await cardIn('review', 'Davi Melo').locator('.priority').ariaSnapshot()).toBe(
      '- paragraph: "Priority: Urgent"',
    );
    expect(await cardIn('review', 'Ana Prado').locator('.labels li').allTextContents()).toEqual(['vip']);
    expect(await cardIn('open', 'Carla Dias').locator('.owner, .priority, .labels').count()).toBe(0);

    const carla = await conversationOf('Carla Dias');
    await env
      .as('salesSupervisor')
      .put(`/api/conversations/${carla}/assignee`)
      .send({ userId: agent.id })
      .expect(200);
    const owner = cardIn('open', 'Carla Dias').locator('.owner');
    await expect.poll(() => owner.count(), LIVE).toBe(1);
    expect(await owner.locator('.avatar').textContent()).toBe('SA');
    expect(await owner.ariaSnapshot()).toBe('- paragraph: "Owner: Sofia Alves"');

    await env
      .as('salesAgent')
      .put(`/api/conversations/${carla}/priority`)
      .send({ priority: 'high' })
      .expect(200);
    await env
      .as('salesAgent')
      .post(`/api/conversations/${carla}/labels`)
      .send({ add: ['follow-up'] })
      .expect(200);
    const mark = cardIn('open', 'Carla Dias').locator('.priority');
    await expect.poll(() => mark.count(), LIVE).toBe(1);
    expect(await mark.ariaSnapshot()).toBe('- paragraph: "Priority: High"');
    await expect
      .poll(() => cardIn('open', 'Carla Dias').locator('.labels li').allTextContents(), LIVE)
      .toEqual(['follow-up']);
    // The cards stay accessible with their new marks (axe, WCAG 2 A/AA).
    expect(await axeViolations(page, '.board-screen')).toEqual([]);

    // The owner filter offers the owner by name and narrows the board to their cards.
    await page.getByLabel('Assignee').selectOption({ label: 'Sofia Alves' });
    await expect.poll(() => page.locator('article.card h3').allTextContents(), LIVE).toEqual(['Carla Dias']);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => page.locator('article.card').count(), LIVE).toBe(4);

    // Back to the queue: the owner leaves the card, live.
    await env
      .as('salesSupervisor')
      .put(`/api/conversations/${carla}/assignee`)
      .send({ userId: null })
      .expect(200);
    await expect.poll(() => cardIn('open', 'Carla Dias').locator('.owner').count(), LIVE).toBe(0);
  });

  it('a page of a stage asked for before a filter change is not added to the new board', async () => {
    // One card a stage, so Review (Davi, then Ana) has a second page to ask for.
    const onePerStage = async (route: Route) => {
      const url = new URL(route.request().url());
      url.searchParams.set('perStage', '1');
      await route.continue({ url: url.toString() });
    };
    const boardRead = (url: URL) => /^\/api\/pipelines\/[^/]+\/board$/.test(url.pathname);
    const cardsRead = (url: URL) => url.pathname === '/api/cards';
    await page.route(boardRead, onePerStage);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding = true;
    const holdFirstPage = async (route: Route) => {
      if (holding && route.request().url().includes('stage=')) {
        holding = false;
        await held;
      }
      await route.continue();
    };
    await page.route(cardsRead, holdFirstPage);
    try {
      const reviewTitles = () => column('review').locator('article.card h3').allTextContents();
      await page.getByLabel('Search').fill('o');
      await expect.poll(reviewTitles, LIVE).toEqual(['Davi Melo']);
      const stalePage = page.waitForResponse((r) => r.url().includes('stage=') && r.url().includes('q=o'));
      await column('review').getByRole('button', { name: 'Show more' }).click();
      // Another search while that page is on its way: "a" also matches both of Review's cards.
      await page.getByLabel('Search').fill('a');
      await page.waitForResponse((r) => r.url().includes('/board') && r.url().includes('q=a'));
      release();
      await stalePage;
      // The page asked under the new search is the one shown under its first card, once. (Were the stale page
      // added, the button would be gone or read the same page again.)
      await column('review').getByRole('button', { name: 'Show more' }).click({ timeout: 5_000 });
      await expect.poll(reviewTitles, LIVE).toEqual(['Davi Melo', 'Ana Prado']);
      expect(await column('review').getByRole('button', { name: 'Show more' }).count()).toBe(0);
    } finally {
      release();
      await page.unroute(cardsRead, holdFirstPage);
      await page.unroute(boardRead, onePerStage);
      await page.getByRole('button', { name: 'Clear filters' }).click();
    }
    await expect.poll(() => page.locator('article.card').count(), LIVE).toBe(4);
  });

  it('a refused read is shown and not retried; an unreachable api is retried until it answers', async () => {
    const boardRead = (url: URL) => /^\/api\/pipelines\/[^/]+\/board$/.test(url.pathname);
    const alert = page.locator('.board-screen p.error[role="alert"]');
    // Every board read answers this while it is set (live reads too, so none clears the error meanwhile).
    let answer: { status: number; message: string } | null = {
      status: 422,
      message: 'priority: not allowed',
    };
    const failing = async (route: Route) => {
      if (!answer) return route.continue();
      const body = JSON.stringify({ message: answer.message });
      await route.fulfill({ status: answer.status, contentType: 'application/json', body });
    };
    await page.route(boardRead, failing);
    try {
      await page.getByRole('combobox', { name: 'Priority' }).selectOption('high');
      await alert.waitFor(LIVE);
      const refused = await alert.textContent();
      expect(refused).toContain('priority: not allowed');
      expect(refused).not.toContain('Trying again');

      answer = { status: 503, message: 'down' };
      await page.getByRole('combobox', { name: 'Priority' }).selectOption('urgent');
      await expect.poll(() => alert.textContent({ timeout: 1_000 }), LIVE).toContain('Trying again in 5 s.');
      // The api answers again: the retry reads the board, and the error goes.
      answer = null;
      await alert.waitFor({ state: 'detached', ...LIVE });
      expect(await page.locator('article.card h3').allTextContents()).toEqual(['Davi Melo']);
    } finally {
      answer = null;
      await page.unroute(boardRead, failing);
      await page.getByRole('button', { name: 'Clear filters' }).click();
    }
    await expect.poll(() => page.locator('article.card').count(), LIVE).toBe(4);
  });

  it('a card opened by a new customer appears live', async () => {
    await env.sandbox
      .customer('5511966660005', { phoneNumberId: env.numbers.sales.phoneNumberId, name: 'Eva Lins' })
      .text('Olá, quero comprar');
    await cardIn('open', 'Eva Lins').waitFor({ timeout: 15_000 });
    expect(await countOf('open')).toBe('2');
  });

  it('an agent of another department sees none of these cards', async () => {
    const other = await browser.newPage();
    try {
      await signIn(other, env.users.supportAgent);
      // Support's own pipeline is the marker that the board has loaded.
      await other.locator('section.column').first().waitFor();
      expect(await other.getByLabel('Pipeline').count()).toBe(0);
      const text = await other.locator('main').textContent();
      for (const c of [...CUSTOMERS, { name: 'Eva Lins' }]) expect(text).not.toContain(c.name);
      expect(text).not.toContain('Deals');
    } finally {
      await other.close();
    }
  });
});
