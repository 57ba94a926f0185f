import {
  axeViolations,
  createTestEnvironment,
  cspViolations,
  launchBrowser,
  recordCspViolations,
  TestEnvironment,
  waitFor,
} from '@switchboard/testing';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const webDist = resolve(process.cwd(), 'apps/web/dist');

type Tile = 'open' | 'inProgress' | 'waitingOnCustomer' | 'overdue' | 'opened' | 'closed';

/**
 * The dashboard on a small scenario built by hand through the public surface, on the wall clock (the browser's
 * "last 7 days" holds all of it). Sales, as its supervisor sees it:
 *   c1  customer writes, the agent replies (owns it)            open, in progress, stage new
 *   c2  customer writes, the agent replies, card moved to waiting open, waiting on customer
 *   c3  customer writes, nobody answers                         open (not in progress: no owner), stage new
 *   c5  customer writes, the agent replies and closes it        opened and closed in the range
 *   c6  customer writes, the agent replies (owns it)            open, in progress, stage new
 * and Support's c4, which the Sales supervisor never counts.
 * Open 4, in progress 2, waiting 1, overdue 0 (no SLA policy), opened 5, closed 1; backlog new 3, waiting 1.
 * The agent gave 4 first responses (c1, c2, c5, c6). Sales is renamed "Vendas Brasil" first, so a name shown is
 * never its key ("sales").
 */
describe('web dashboard in a real browser', () => {
  let env: TestEnvironment;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let n = 0;
  const ids: Record<'c1' | 'c2' | 'c3' | 'c4' | 'c5' | 'c6', string> = {
    c1: '',
    c2: '',
    c3: '',
    c4: '',
    c5: '',
    c6: '',
  };
  const range = () => ({
    from: new Date(Date.now() - 86_400_000).toISOString(),
    to: new Date(Date.now() + 86_400_000).toISOString(),
  });

  /** A new customer writes to a department's number; resolves with the conversation once it is stored. */
  async function customerWrites(department: 'sales' | 'support', text: string): Promise<string> {
    const waId = `55119${Date.now().toString().slice(-6)}${String(n++).padStart(2, '0')}`;
    await env.sandbox
      .customer(waId, { name: `Cliente ${n}` })
      .withNumber(env.numbers[department].phoneNumberId)
      .text(text);
    const [row] = await waitFor(
      () =>
        env.query<{ conversation_id: string }>(
          `select m.conversation_id from messages m join conversations c on c.id = m.conversation_id
             join contacts k on k.id = c.contact_id where k.wa_id = $1 and m.body = $2`,
          [waId, text],
        ),
      { what: `message "${text}" stored` },
    );
    return row.conversation_id;
  }

  async function agentReplies(conversationId: string, text: string): Promise<void> {
    const res = await env
      .as('salesAgent')
      .post(`/api/conversations/${conversationId}/messages`)
      .send({ type: 'text', text });
    expect(res.status, res.text).toBe(202);
  }

  async function moveToWaiting(conversationId: string): Promise<void> {
    const [card] = await waitFor(() =>
      env.query<{ id: string }>('select id from cards where conversation_id = $1', [conversationId]),
    );
    await env.as('salesSupervisor').post(`/api/cards/${card.id}/move`).send({ stage: 'waiting' }).expect(200);
  }

  /** Picks a report's grouping in its select (labelled "<report>: group by"). */
  async function pickGroup(on: Page, report: string, group: string): Promise<void> {
    // The select's box, not its input: Element Plus lays the selected label over the input.
    await on
      .locator('.el-select', { has: on.getByRole('combobox', { name: `${report}: group by` }) })
      .click();
    await on.getByRole('option', { name: group, exact: true }).filter({ visible: true }).click();
  }

  const tile = (name: Tile) => page.locator(`[data-tile="${name}"] dd`).textContent();

  const salesOverview = async () =>
    (await env.as('salesSupervisor').get('/api/reports/overview').query(range()).expect(200)).body as Record<
      Tile,
      number
    >;

  beforeAll(async () => {
    expect(
      existsSync(resolve(webDist, 'index.html')),
      'build the web app first: npm run build:web (npm test does)',
    ).toBe(true);
    env = await createTestEnvironment({ config: { server: { webDist } } });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    await recordCspViolations(context);
    page = await context.newPage();
    await env
      .api()
      .patch(`/api/departments/${env.numbers.sales.departmentId}`)
      .send({ name: 'Vendas Brasil' })
      .expect(200);

    ids.c1 = await customerWrites('sales', 'c1 bom dia');
    await agentReplies(ids.c1, 'c1 resposta');
    ids.c2 = await customerWrites('sales', 'c2 bom dia');
    await agentReplies(ids.c2, 'c2 resposta');
    await moveToWaiting(ids.c2);
    ids.c3 = await customerWrites('sales', 'c3 bom dia');
    ids.c4 = await customerWrites('support', 'c4 bom dia');
    ids.c5 = await customerWrites('sales', 'c5 bom dia');
    await agentReplies(ids.c5, 'c5 resposta');
    await env.as('salesAgent').post(`/api/conversations/${ids.c5}/close`).send({}).expect(200);
    ids.c6 = await customerWrites('sales', 'c6 bom dia');
    await agentReplies(ids.c6, 'c6 resposta');
    // Reports count from facts recorded after the events: wait until the last of them (c6 owned) is in.
    await waitFor(async () => (await salesOverview()).inProgress === 2, { what: 'c6 owned, in the reports' });
    // The first responses are recorded by the same subscriber, in their own events: all four in too.
    await waitFor(
      async () => {
        const times = await env
          .as('salesSupervisor')
          .get('/api/reports/response-times')
          .query({ ...range(), groupBy: 'agent' })
          .expect(200);
        const rows = times.body.rows as { key: string | null; firstResponse: { count: number } }[];
        return rows.find((r) => r.key === env.users.salesAgent.id)?.firstResponse.count === 4;
      },
      { what: "the agent's four first responses, in the reports" },
    );
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  it('a supervisor sees the hand-counted tiles and backlog of their department', async () => {
    await page.goto(`${env.url}/login`);
    await page.locator('#email').fill(env.users.salesSupervisor.email);
    await page.locator('#password').fill(env.users.salesSupervisor.password);
    await page.locator('form button[type=submit]').click();
    await page.waitForURL(/\/inbox$/);
    await page.getByRole('menuitem', { name: 'Dashboard' }).click();
    await page.waitForURL(/\/dashboard$/);

    // The first answers can take seconds on a loaded machine.
    await expect.poll(() => tile('open'), { timeout: 15_000 }).toBe('4');
    expect(await tile('inProgress')).toBe('2');
    expect(await tile('waitingOnCustomer')).toBe('1');
    expect(await tile('overdue')).toBe('0');
    expect(await tile('opened')).toBe('5');
    expect(await tile('closed')).toBe('1');

    // The backlog's figures, as its table says them: the department's and the stages' names (the default
    // pipeline's), never their keys, though a supervisor may not read the admin-only departments route.
    await page
      .getByRole('region', { name: 'Backlog per stage' })
      .getByText('Show the figures as a table')
      .click();
    await expect
      .poll(() => page.locator('[data-backlog-row]').allInnerTexts())
      .toEqual(['Vendas Brasil\tNew\t3', 'Vendas Brasil\tWaiting on customer\t1']);
    // The department picker names their one department too.
    await page.locator('.department').click();
    await expect
      .poll(() => page.getByRole('option').filter({ visible: true }).allInnerTexts())
      .toEqual(['All departments', 'Vendas Brasil']);
    await page.keyboard.press('Escape');
    // The answers behind them: the supervisor's own memberships and the backlog rows carry the names.
    const me = await env.as('salesSupervisor').get('/api/auth/me').expect(200);
    expect(me.body.memberships).toEqual([
      {
        departmentId: env.numbers.sales.departmentId,
        departmentKey: 'sales',
        departmentName: 'Vendas Brasil',
        role: 'supervisor',
      },
    ]);
    const backlog = await env.as('salesSupervisor').get('/api/reports/backlog').query(range()).expect(200);
    expect(
      (backlog.body.rows as { departmentName: string; stageName: string }[]).map((r) => [
        r.departmentName,
        r.stageName,
      ]),
    ).toEqual([
      ['Vendas Brasil', 'New'],
      ['Vendas Brasil', 'Waiting on customer'],
    ]);

    // Response times per agent name the agent who answered four first messages (the seeded agent is named by
    // its key): the name comes with the report's row, so a supervisor needs no admin-only lookup for it.
    const agentRow = page.locator('[data-times-row]', { hasText: 'salesAgent' });
    await agentRow.waitFor();
    expect(await agentRow.locator('td').first().textContent()).toBe('4');
    // Per number: Sales' number by its display number (never a short id), with the same four.
    await pickGroup(page, 'Response and resolution times', 'Number');
    await expect
      .poll(() => page.locator('[data-times-row] th').allInnerTexts(), { timeout: 15_000 })
      .toEqual(['1555000001']);
    expect(await page.locator('[data-times-row] td').first().textContent()).toBe('4');
    // The volume table names it alike: five customers' first messages in, four replies out, in this hour or
    // around it (the scenario ran just now), so the rows are matched by the number's name.
    const volume = page.getByRole('region', { name: 'Messages per number and hour' });
    await volume.getByText('Show the figures as a table').click();
    const volumeRows = await volume.locator('tbody tr td:first-child').allInnerTexts();
    expect(volumeRows.length).toBeGreaterThan(0);
    expect(new Set(volumeRows)).toEqual(new Set(['1555000001']));
    await pickGroup(page, 'Response and resolution times', 'Agent');
    await agentRow.waitFor();
    // Their durations are rounded by the api, and the screen says by how much.
    await page.getByText('rounded to within 2.5 %').waitFor();
    await expect.poll(() => page.locator('canvas').count()).toBeGreaterThanOrEqual(2);

    if (process.env.SCREENSHOTS === '1')
      await page.screenshot({ path: resolve(process.cwd(), 'docs/screenshots/dashboard.png') });
  });

  it('updates the counts live, without a reload, when a customer writes and a card starts waiting', async () => {
    await page.evaluate(() => ((globalThis as unknown as { __noReload: boolean }).__noReload = true));
    await customerWrites('sales', 'c7 bom dia');
    await expect.poll(() => tile('open'), { timeout: 15_000 }).toBe('5');
    expect(await tile('opened')).toBe('6');

    await moveToWaiting(ids.c3);
    await expect.poll(() => tile('waitingOnCustomer'), { timeout: 15_000 }).toBe('2');
    expect(await page.evaluate(() => (globalThis as unknown as { __noReload?: boolean }).__noReload)).toBe(
      true,
    );
  });

  it('exports the overview as the API writes it, with the token, as a CSV file', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export Conversations as CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('overview.csv');
    const lines = readFileSync(await download.path(), 'utf8').split('\r\n');
    expect(lines[0]).toBe('from,to,open,in_progress,waiting_on_customer,overdue,opened,closed');
    // Now: open 5 (c7 came), in progress 2, waiting 2 (c3 moved), overdue 0; opened 6, closed 1.
    expect(lines[1]).toMatch(/^[^,]+,[^,]+,5,2,2,0,6,1$/);
  });

  it('passes axe and draws its charts with no Content-Security-Policy violation', async () => {
    // The screen itself: the shell around it (top bar) is checked with the shell.
    expect(await axeViolations(page, '.dashboard')).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
  });

  it('a slower earlier answer never replaces a newer one', async () => {
    // The grouping changes to Number, then to Department; the per-number answer is held back until the
    // per-department one is on screen, then let through: the table keeps the newer answer.
    const perNumber = /\/api\/reports\/response-times\?.*groupBy=number/;
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(perNumber, async (route) => {
      await held;
      await route.continue();
    });
    try {
      const numberAnswer = page.waitForResponse(perNumber);
      await pickGroup(page, 'Response and resolution times', 'Number');
      await pickGroup(page, 'Response and resolution times', 'Department');
      await expect
        .poll(() => page.locator('[data-times-row] th').allInnerTexts(), { timeout: 15_000 })
        .toEqual(['Vendas Brasil']);
      release();
      await (await numberAnswer).finished();
      // A later marker: a whole round trip from the page, after the late answer's body arrived.
      await page.evaluate("fetch('/login').then((r) => r.text())");
      expect(await page.locator('[data-times-row] th').allInnerTexts()).toEqual(['Vendas Brasil']);
    } finally {
      release();
      await page.unroute(perNumber);
    }
  });

  it('an admin sees departments and numbers by name, and narrows the figures to one department', async () => {
    const adminPage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await adminPage.goto(`${env.url}/login`);
      await adminPage.locator('#email').fill(env.users.admin.email);
      await adminPage.locator('#password').fill(env.users.admin.password);
      await adminPage.locator('form button[type=submit]').click();
      await adminPage.waitForURL(/\/inbox$/);
      await adminPage.goto(`${env.url}/dashboard`);
      // Every department: Sales' 5 open (c1, c2, c3, c6, c7) and Support's c4.
      await expect
        .poll(() => adminPage.locator('[data-tile="open"] dd').textContent(), { timeout: 15_000 })
        .toBe('6');

      await adminPage.locator('.department').click();
      await adminPage.getByRole('option', { name: 'Support' }).click();
      await expect
        .poll(() => adminPage.locator('[data-tile="open"] dd').textContent(), { timeout: 15_000 })
        .toBe('1');
      await adminPage
        .getByRole('region', { name: 'Backlog per stage' })
        .getByText('Show the figures as a table')
        .click();
      await expect
        .poll(() => adminPage.locator('[data-backlog-row]').allInnerTexts())
        .toEqual(['Support\tNew\t1']);
      // Support's number by its display number: one message in (c4), none out.
      const volume = adminPage.getByRole('region', { name: 'Messages per number and hour' });
      await volume.getByText('Show the figures as a table').click();
      await expect
        .poll(() => volume.locator('tbody tr').allInnerTexts())
        .toEqual([
          expect.stringMatching(new RegExp(`^${env.numbers.support.displayPhoneNumber}\t.+\t1\t0$`)),
        ]);
    } finally {
      await adminPage.close();
    }
  });

  it('with one department shown, live events of another department ask for nothing', async () => {
    const adminPage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      const sales = env.numbers.sales.departmentId;
      const overviewReads: string[] = [];
      adminPage.on('request', (r) => {
        if (r.url().includes('/api/reports/overview')) overviewReads.push(r.url());
      });
      // The socket's frames, to know when Sales' events reached the page.
      const salesFrames: string[] = [];
      adminPage.on('websocket', (ws) =>
        ws.on('framereceived', (f) => {
          const text = typeof f.payload === 'string' ? f.payload : f.payload.toString();
          if (text.includes(sales) && text.includes('message.created')) salesFrames.push(text);
        }),
      );
      await adminPage.goto(`${env.url}/login`);
      await adminPage.locator('#email').fill(env.users.admin.email);
      await adminPage.locator('#password').fill(env.users.admin.password);
      await adminPage.locator('form button[type=submit]').click();
      await adminPage.waitForURL(/\/inbox$/);
      await adminPage.goto(`${env.url}/dashboard`);
      await adminPage.locator('.department').click();
      await adminPage.getByRole('option', { name: 'Support' }).click();
      // Support alone: c4 open.
      await expect
        .poll(() => adminPage.locator('[data-tile="open"] dd').textContent(), { timeout: 15_000 })
        .toBe('1');
      const before = overviewReads.length;
      expect(overviewReads.at(-1)).toContain(`departmentId=${env.numbers.support.departmentId}`);

      await customerWrites('sales', 'c8 bom dia');
      await expect.poll(() => salesFrames.length, { timeout: 15_000 }).toBeGreaterThan(0);
      // A later marker: a whole round trip from the page after the event arrived (a read it asked for would start
      // on the next turn of the page's event loop).
      await adminPage.evaluate("fetch('/login').then((r) => r.text())");
      expect(overviewReads.slice(before)).toEqual([]);
    } finally {
      await adminPage.close();
    }
  });

  it("an agent cannot open the dashboard, and a supervisor's reports never count another department", async () => {
    const agentPage = await browser.newPage();
    try {
      await agentPage.goto(`${env.url}/login`);
      await agentPage.locator('#email').fill(env.users.salesAgent.email);
      await agentPage.locator('#password').fill(env.users.salesAgent.password);
      await agentPage.locator('form button[type=submit]').click();
      await agentPage.waitForURL(/\/inbox$/);
      expect(await agentPage.getByRole('menuitem', { name: 'Dashboard' }).count()).toBe(0);
      await agentPage.goto(`${env.url}/dashboard`);
      await agentPage.waitForURL(/\/inbox$/);
      expect(await agentPage.locator('[data-tile]').count()).toBe(0);
    } finally {
      await agentPage.close();
    }
    // Support has c4 open; asked for Support by id, the Sales supervisor gets nothing of it.
    const support = env.numbers.support.departmentId;
    const own = await env
      .as('salesSupervisor')
      .get('/api/reports/overview')
      .query({ ...range(), departmentId: support })
      .expect(200);
    expect(own.body).toMatchObject({ open: 0, opened: 0, closed: 0 });
    const admin = await env
      .api()
      .get('/api/reports/overview')
      .query({ ...range(), departmentId: support })
      .expect(200);
    expect(admin.body).toMatchObject({ open: 1, opened: 1 });
  });
});
