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
import { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const webDist = resolve(process.cwd(), 'apps/web/dist');

describe('admin screens in a real browser', () => {
  let env: TestEnvironment;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    expect(existsSync(resolve(webDist, 'index.html')), 'build the web app first: npm run build:web').toBe(
      true,
    );
    env = await createTestEnvironment({ config: { server: { webDist } } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  /** A fresh admin page, signed in through the login screen, on one admin section. */
  async function openAdmin(section: string): Promise<Page> {
    await context?.close();
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    await recordCspViolations(context);
    page = await context.newPage();
    page.on('dialog', (d) => void d.accept());
    await signInPage(page, env.url, env.users.admin);
    await page.getByRole('navigation', { name: 'Main' }).getByText('Admin', { exact: true }).click();
    await page.getByRole('heading', { name: 'Administration' }).waitFor();
    await page.getByRole('navigation', { name: 'Administration sections' }).getByText(section).click();
    await page.getByRole('heading', { name: section, level: 2 }).waitFor();
    return page;
  }

  it('a non-admin is sent back to the inbox from /admin and has no Admin entry', async () => {
    const ctx = await browser.newContext({ locale: 'en-US' });
    try {
      const agentPage = await ctx.newPage();
      await signInPage(agentPage, env.url, env.users.salesAgent);
      const nav = agentPage.getByRole('navigation', { name: 'Main' });
      await nav.getByText('Inbox', { exact: true }).waitFor();
      expect(await nav.getByText('Admin', { exact: true }).count()).toBe(0);
      await agentPage.goto(`${env.url}/admin?section=tokens`);
      await agentPage.waitForURL(/\/inbox$/);
      expect(await agentPage.getByRole('heading', { name: 'Administration' }).count()).toBe(0);
    } finally {
      await ctx.close();
    }
  });

  it('invites a user into a department, and the api lists them with that role; a refused invite shows why', async () => {
    const p = await openAdmin('Users');
    const form = p.getByRole('form', { name: 'Invite user' });

    // The api refuses the address and names the field: the form shows its words.
    await form.getByLabel('Name').fill('Rita Nunes');
    await form.getByLabel('E-mail').fill('rita.nunes@');
    await form.getByRole('button', { name: 'Invite user' }).click();
    await form.getByRole('alert').getByText('email: must be an e-mail address').waitFor();

    await form.getByLabel('E-mail').fill('rita.nunes@example.com');
    await form.getByLabel('Sales').selectOption({ label: 'Agent' });
    await form.getByRole('button', { name: 'Invite user' }).click();
    await form.getByText('rita.nunes@example.com was invited.').waitFor();
    expect(await form.locator('.secret-once code').textContent()).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/accept/,
    );
    await p.locator('tr[data-user="rita.nunes@example.com"]').getByText('Sales: Agent').waitFor();

    const users = (await env.api().get('/api/users').expect(200)).body as {
      email: string;
      name: string;
      isAdmin: boolean;
      memberships: { departmentId: string; role: string }[];
    }[];
    const rita = users.find((u) => u.email === 'rita.nunes@example.com');
    expect(rita).toMatchObject({ name: 'Rita Nunes', isAdmin: false });
    expect(rita?.memberships.map((m) => [m.departmentId, m.role])).toEqual([
      [env.numbers.sales.departmentId, 'agent'],
    ]);

    // A new single-use link for someone who never signed in: it sets their password once.
    await p
      .locator('tr[data-user="rita.nunes@example.com"]')
      .getByRole('button', { name: 'New invitation link' })
      .click();
    const box = p.locator('.secret-once', { hasText: 'A new invitation link for Rita Nunes' });
    const url = new URL((await box.locator('code').textContent()) ?? '');
    await env
      .anonymous()
      .post('/api/auth/accept')
      .send({ token: url.searchParams.get('token'), password: 'rita-password-123' })
      .expect(204);
    await env
      .anonymous()
      .post('/api/auth/login')
      .send({ email: 'rita.nunes@example.com', password: 'rita-password-123' })
      .expect(200);

    // Signing someone out everywhere ends their sessions (the sales agent signed in while seeding).
    await p
      .locator(`tr[data-user="${env.users.salesAgent.email}"]`)
      .getByRole('button', { name: 'Sign out everywhere' })
      .click();
    const said = await p.getByText('salesAgent was signed out', { exact: false }).textContent();
    expect(Number(/\((\d+) sessions ended\)/.exec(said ?? '')?.[1])).toBeGreaterThanOrEqual(1);

    if (process.env.SCREENSHOTS === '1') {
      mkdirSync('docs/screenshots', { recursive: true });
      await p.screenshot({ path: 'docs/screenshots/admin.png' });
    }
  });

  it('creates a team in a department', async () => {
    const p = await openAdmin('Teams');
    const form = p.getByRole('form', { name: 'Create team' });
    await form.getByLabel('Department').selectOption({ label: 'Support' });
    await form.getByLabel('Team name').fill('Night shift');
    await form.getByRole('button', { name: 'Create team' }).click();
    await p.locator('tr[data-team="Night shift"]').getByText('Support').waitFor();
    const teams = (await env.api().get('/api/teams').expect(200)).body as {
      name: string;
      departmentId: string;
    }[];
    expect(teams.filter((t) => t.name === 'Night shift').map((t) => t.departmentId)).toEqual([
      env.numbers.support.departmentId,
    ]);
  });

  it('creates, renames and archives a department; archiving one with numbers shows the refusal', async () => {
    const p = await openAdmin('Departments');
    const form = p.getByRole('form', { name: 'Create department' });
    await form.getByLabel('Key').fill('customer-care');
    await form.getByLabel('Name').fill('Customer care');
    await form.getByRole('button', { name: 'Create department' }).click();
    await form.getByText('The department Customer care was created.').waitFor();
    const row = p.locator('tr[data-department="customer-care"]');
    await row.getByText('Everyone with access').waitFor();
    const find = async (key: string) =>
      (
        (await env.api().get('/api/departments').expect(200)).body as {
          items: { key: string; name: string; membersOnly: boolean; archivedAt: string | null }[];
        }
      ).items.find((d) => d.key === key);
    expect(await find('customer-care')).toMatchObject({
      name: 'Customer care',
      membersOnly: false,
      archivedAt: null,
    });

    // Sales has a number bound: the api refuses to archive it, and the page says so.
    await p.locator('tr[data-department="sales"]').getByRole('button', { name: 'Archive' }).click();
    await p.getByRole('alert').getByText('409', { exact: false }).waitFor();
    expect((await find('sales'))?.archivedAt).toBeNull();

    await row.getByRole('button', { name: 'Edit' }).click();
    const edit = p.getByRole('form', { name: 'Edit Customer care' });
    await edit.getByLabel('Name').fill('Customer Care');
    await edit.getByRole('button', { name: 'Save' }).click();
    await row.getByText('Customer Care', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Archive' }).click();
    await row.getByText('Archived').waitFor();
    const archived = await find('customer-care');
    expect(archived?.name).toBe('Customer Care');
    expect(archived?.archivedAt).not.toBeNull();
    // A rename left the members-only flag alone: its visibility is still the plugin's to set, not pinned.
    const [pinned] = await env.query<{ visibility_pinned: boolean }>(
      `select visibility_pinned from departments where key = 'customer-care'`,
    );
    expect(pinned.visibility_pinned).toBe(false);
  });

  it("shows a number's health, runs its connection test, and rotates its token without ever showing it", async () => {
    const sales = env.numbers.sales;
    const secret = sales.accessToken;
    const p = await openAdmin('WhatsApp numbers');
    // Every answer the page reads from here on, to prove none carries the token.
    const answers: Promise<string>[] = [];
    p.on('response', (r) => {
      if (r.url().includes('/api/')) answers.push(r.text().catch(() => ''));
    });

    const row = p.locator(`tr[data-number="${sales.phoneNumberId}"]`);
    await row.getByRole('button', { name: 'Health and connection' }).click();
    const detail = p.getByRole('region', { name: `Details of ${sales.displayPhoneNumber}` });
    await detail.getByText('Accepted by Meta').waitFor();

    const before = Date.now();
    await detail.getByRole('button', { name: 'Run connection test' }).click();
    const result = detail.getByRole('group', { name: 'Connection test' });
    await result.getByText('Passed', { exact: true }).waitFor();
    await result.getByText('Webhook verify token').waitFor();
    await waitFor(
      async () => {
        const n = (await env.api().get(`/api/numbers/${sales.id}`).expect(200)).body as {
          connectionTest: { ok: boolean; at: string } | null;
        };
        return n.connectionTest?.ok && Date.parse(n.connectionTest.at) >= before - 1000 ? n : null;
      },
      { what: 'the connection test stored' },
    );

    // Its templates as Meta lists them, with Meta's status; a sync asks Meta again.
    await detail
      .locator('tr[data-template="hello_world:en_US"]')
      .getByText('APPROVED', { exact: true })
      .waitFor();
    await detail
      .locator('tr[data-template="promo_paused:en_US"]')
      .getByText('PAUSED', { exact: true })
      .waitFor();
    await detail.getByRole('button', { name: 'Sync from Meta' }).click();
    await detail
      .getByRole('status')
      .getByText(/^Meta listed \d+ templates; 0 no longer listed/)
      .waitFor();

    // A token Meta never issued: refused with Meta's code, shown in the form.
    const rotation = detail.getByRole('form', { name: 'Rotate access token' });
    await rotation.getByLabel('New access token').fill('a-token-meta-never-issued');
    await rotation.getByRole('button', { name: 'Rotate access token' }).click();
    await rotation
      .getByRole('alert')
      .getByText('connection test failed: token (#190)', { exact: false })
      .waitFor();

    await rotation.getByLabel('New access token').fill(secret);
    await rotation.getByRole('button', { name: 'Rotate access token' }).click();
    await rotation.getByText('The new access token was checked with Meta and stored.').waitFor();
    const fieldValues = () =>
      p
        .locator('input')
        .evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value).join('\n'));
    expect(await fieldValues()).not.toContain(secret);
    expect(await p.content()).not.toContain(secret);
    const [rotated] = await env.query<{ n: number }>(
      `select count(*)::int as n from audit_events where action = 'number.credentials_rotated' and target_id = $1`,
      [sales.id],
    );
    expect(rotated.n).toBe(1);

    // Nowhere afterwards: not in the page, not in a field, not in any answer the page or an admin reads.
    await p.reload();
    await p.getByRole('heading', { name: 'WhatsApp numbers', level: 2 }).waitFor();
    await p.locator(`tr[data-number="${sales.phoneNumberId}"]`).getByRole('button').click();
    await p.getByText('Accepted by Meta').waitFor();
    expect(await p.content()).not.toContain(secret);
    expect(await fieldValues()).not.toContain(secret);
    for (const path of [
      '/api/numbers',
      `/api/numbers/${sales.id}`,
      `/api/numbers/${sales.id}/health`,
      `/api/numbers/${sales.id}/events`,
      '/api/departments',
      '/api/audit-events',
    ])
      expect((await env.api().get(path).expect(200)).text, path).not.toContain(secret);
    const read = await Promise.all(answers);
    expect(read.length).toBeGreaterThan(3);
    for (const text of read) expect(text).not.toContain(secret);
  });

  it('finds an inbound event in the log and replays it', async () => {
    const { wamid } = await env.sandbox.customer('5511977770301', { name: 'Caio Prado' }).text('Replay me');
    const [event] = await waitFor(
      () =>
        env.query<{ id: string; attempts: number }>(
          `select id, attempts from inbound_events where raw_body like $1 and status = 'processed'`,
          [`%${wamid}%`],
        ),
      { what: 'the delivery processed' },
    );
    const p = await openAdmin('Inbound events');
    const row = p.locator(`tr[data-event="${event.id}"]`);
    await row.getByText('Processed').waitFor();
    await row.getByRole('button', { name: 'Replay' }).click();
    await p.getByRole('status').getByText('is queued to be processed again').waitFor();
    await waitFor(
      async () =>
        (
          await env.query(
            `select 1 from inbound_events where id = $1 and status = 'processed' and attempts > $2`,
            [event.id, event.attempts],
          )
        )[0],
      { what: 'the replay processed' },
    );
    // The message was not stored twice.
    const [stored] = await env.query<{ n: number }>(
      'select count(*)::int as n from messages where wamid = $1',
      [wamid],
    );
    expect(stored.n).toBe(1);
  });

  it('creates an API token, shows its secret once, and a reload no longer shows it', async () => {
    const p = await openAdmin('API tokens');
    const form = p.getByRole('form', { name: 'Create token' });

    // No permission chosen: the api refuses and names the field.
    await form.getByLabel('Name', { exact: true }).fill('CRM sync');
    await form.getByLabel('All departments').check();
    await form.getByRole('button', { name: 'Create token' }).click();
    await form.getByRole('alert').getByText('permissions:', { exact: false }).waitFor();

    await form.getByLabel('Read conversations').check();
    await form.getByLabel('Expires in (days, optional)').fill('30');
    await form.getByRole('button', { name: 'Create token' }).click();
    await p.getByText('Token CRM sync created.', { exact: false }).waitFor();
    const secret = (await p.locator('code[data-secret]').textContent())?.trim() ?? '';
    expect(secret.length).toBeGreaterThan(20);
    await p.locator('tr[data-token="CRM sync"]').getByText('Expires ', { exact: false }).waitFor();
    // The secret shown is the working token.
    await env.anonymous().get('/api/conversations').set('Authorization', `Bearer ${secret}`).expect(200);

    const listed = (await env.api().get('/api/api-tokens').expect(200)).body as {
      name: string;
      expiresAt: string | null;
    }[];
    const days =
      (Date.parse(listed.find((x) => x.name === 'CRM sync')?.expiresAt ?? '') - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);

    await p.reload();
    await p.locator('tr[data-token="CRM sync"]').waitFor();
    expect(await p.content()).not.toContain(secret);
    expect((await env.api().get('/api/api-tokens').expect(200)).text).not.toContain(secret);
  });

  it("edits a department's business calendar; a refused calendar shows the api's reason", async () => {
    const support = env.numbers.support.departmentId;
    const p = await openAdmin('Business calendar');
    await p.getByLabel('Department').selectOption({ label: 'Support' });
    const form = p.getByRole('form', { name: 'Edit the business calendar' });
    await form.getByLabel('Time zone').waitFor();

    // Closing before opening: the api refuses and names the day's period.
    await form.getByLabel('Monday').fill('18:00-09:00');
    await form.getByRole('button', { name: 'Save calendar' }).click();
    await form.getByRole('alert').getByText('weekly.mon', { exact: false }).waitFor();
    const untouched = (await env.api().get(`/api/departments/${support}/calendar`).expect(200)).body as {
      source: string;
    };
    expect(untouched.source).not.toBe('calendar');

    await form.getByLabel('Time zone').fill('America/Sao_Paulo');
    await form.getByLabel('Monday').fill('08:00-12:00, 13:00-17:30');
    await form.getByLabel('Saturday').fill('09:00-13:00');
    await form.getByLabel('Sunday').fill('');
    await form.getByLabel('Date', { exact: true }).fill('2026-12-24');
    await form.getByLabel('Holiday name').fill('Véspera de Natal');
    await form.getByRole('button', { name: 'Add holiday' }).click();
    await form.getByRole('button', { name: 'Save calendar' }).click();
    await p.getByText('The calendar was saved.').waitFor();
    await p.getByText('The department has its own calendar.').waitFor();

    const saved = (await env.api().get(`/api/departments/${support}/calendar`).expect(200)).body as {
      source: string;
      calendar: {
        timezone: string;
        weekly: Record<string, { open: string; close: string }[]>;
        holidays: { date: string; name: string; yearly: boolean }[];
      };
    };
    expect(saved.source).toBe('calendar');
    expect(saved.calendar.timezone).toBe('America/Sao_Paulo');
    expect(saved.calendar.weekly.mon).toEqual([
      { open: '08:00', close: '12:00' },
      { open: '13:00', close: '17:30' },
    ]);
    expect(saved.calendar.weekly.sat).toEqual([{ open: '09:00', close: '13:00' }]);
    expect(saved.calendar.weekly.sun).toEqual([]);
    expect(saved.calendar.holidays).toEqual([
      { date: '2026-12-24', name: 'Véspera de Natal', yearly: false },
    ]);

    // Brazil's public holidays of 2026 join the one typed in.
    const importing = p.getByRole('form', { name: 'Import public holidays' });
    await importing.getByLabel('Country code').fill('BR');
    await importing.getByLabel('Year').fill('2026');
    await importing.getByRole('button', { name: 'Import public holidays' }).click();
    await importing.getByText('holidays were added.', { exact: false }).waitFor();
    const after = (await env.api().get(`/api/departments/${support}/calendar`).expect(200))
      .body as typeof saved;
    const dates = after.calendar.holidays.map((h) => h.date);
    expect(dates).toContain('2026-12-24');
    expect(dates).toContain('2026-12-25');
    expect(dates).toContain('2026-09-07');
  });

  it('switches routing rules off and reorders them, and creates an SLA policy; a refused policy shows why', async () => {
    const sales = env.numbers.sales.departmentId;
    const create = async (name: string, priority: string) =>
      (
        await env
          .api()
          .post(`/api/departments/${sales}/routing-rules`)
          .send({ name, actions: { priority } })
          .expect(201)
      ).body as { id: string };
    const urgent = await create('Urgent words', 'urgent');
    const vip = await create('VIP customers', 'high');
    const rules = async () =>
      (await env.api().get(`/api/departments/${sales}/routing-rules`).expect(200)).body as {
        id: string;
        enabled: boolean;
      }[];

    const p = await openAdmin('Routing and SLA');
    await p.getByLabel('Department').selectOption({ label: 'Sales' });
    await p.locator('tr[data-rule="VIP customers"]').waitFor();
    await p.getByRole('checkbox', { name: 'Urgent words is on' }).uncheck();
    await expect.poll(async () => (await rules()).find((r) => r.id === urgent.id)?.enabled).toBe(false);
    await p.getByRole('button', { name: 'Move VIP customers up' }).click();
    await expect.poll(async () => (await rules()).map((r) => r.id)).toEqual([vip.id, urgent.id]);
    await p.locator('tbody tr').first().getByText('VIP customers').waitFor();

    const form = p.getByRole('form', { name: 'Create SLA policy' });
    await form.getByLabel('Key').fill('vip');
    await form.getByLabel('Policy').fill('VIP');
    // A deadline without its warning is refused in the form: an empty warning never goes out as 0 minutes.
    await form.getByRole('group', { name: 'First response' }).getByLabel('Deadline (min)').fill('20');
    await form.getByRole('button', { name: 'Create SLA policy' }).click();
    await form
      .getByRole('alert')
      .getByText('Give each target both its warning and its deadline, in minutes.')
      .waitFor();
    await form.getByRole('group', { name: 'First response' }).getByLabel('Warning after (min)').fill('30');
    await form.getByRole('group', { name: 'First response' }).getByLabel('Deadline (min)').fill('20');
    await form.getByRole('button', { name: 'Create SLA policy' }).click();
    // The warning must come before the deadline: the api says so, naming the field.
    await form
      .getByRole('alert')
      .getByText('targets.firstResponse.warningMinutes', { exact: false })
      .waitFor();

    await form.getByRole('group', { name: 'First response' }).getByLabel('Deadline (min)').fill('60');
    await form.getByRole('button', { name: 'Create SLA policy' }).click();
    await p.locator('tr[data-policy="vip"]').getByText('warning 30 min, deadline 60 min').waitFor();
    const policies = (await env.api().get(`/api/departments/${sales}/sla-policies`).expect(200)).body as {
      key: string;
      enabled: boolean;
      businessHours: boolean;
      targets: { firstResponse: unknown; resolution: unknown };
    }[];
    expect(policies.find((x) => x.key === 'vip')).toMatchObject({
      enabled: true,
      businessHours: true,
      targets: { firstResponse: { warningMinutes: 30, breachMinutes: 60 }, resolution: null },
    });
  });

  it('every section passes axe, with no Content-Security-Policy violation', async () => {
    const p = await openAdmin('Users');
    const found: string[] = [];
    for (const [section, ready] of [
      ['Users', 'Invite user'],
      ['Teams', 'Create team'],
      ['Departments', 'Create department'],
      ['WhatsApp numbers', 'Health and connection'],
      ['Inbound events', 'Refresh'],
      ['Audit log', 'Search'],
      ['API tokens', 'Create token'],
      ['Routing and SLA', 'Create SLA policy'],
      ['Business calendar', 'Save calendar'],
    ]) {
      await p.getByRole('navigation', { name: 'Administration sections' }).getByText(section).click();
      await p.getByRole('heading', { name: section, level: 2 }).waitFor();
      await p.getByRole('button', { name: ready }).first().waitFor();
      if (section === 'WhatsApp numbers') {
        await p.getByRole('button', { name: 'Health and connection' }).first().click();
        await p.getByRole('button', { name: 'Run connection test' }).waitFor();
      }
      found.push(...(await axeViolations(p, '.admin')).map((v) => `${section}: ${v}`));
    }
    expect(found).toEqual([]);
    expect(await cspViolations(p)).toEqual([]);
  });
});
