import {
  axeViolations,
  createTestEnvironment,
  cspViolations,
  freePort,
  launchBrowser,
  recordCspViolations,
  signInPage,
  TestEnvironment,
  waitFor,
} from '@switchboard/testing';
import { SandboxHandle, startSandbox } from '@switchboard/wa-sandbox';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const webDist = resolve(process.cwd(), 'apps/web/dist');
const FIXTURE = './dist/test/fixtures/plugins/pipeline';

/** A number "Meta" knows that is not registered yet: the admin connects it through the form. */
const FRESH = {
  phoneNumberId: '330000000000001',
  displayPhoneNumber: '15557700001',
  wabaId: '430000000000001',
  accessToken: 'config-spec-access-token-7f3a',
  appSecret: 'config-spec-app-secret-91bc',
  verifyToken: 'config-spec-verify-token-5d2e',
};

interface TemplateBody {
  name: string;
  language: string;
  category: string;
  status: string;
  parameterFormat: string;
  components: unknown[];
}

interface RuleBody {
  id: string;
  name: string;
  trigger: string;
  numberId: string | null;
  stop: boolean;
  conditions: Record<string, unknown>;
  actions: Record<string, unknown>;
}

describe(
  'admin configuration screens in a real browser (templates, routing rules, pipelines, numbers)',
  { timeout: 120_000 },
  () => {
    let env: TestEnvironment;
    let meta: SandboxHandle;
    let browser: Browser;
    let context: BrowserContext | undefined;

    beforeAll(async () => {
      expect(existsSync(resolve(webDist, 'index.html')), 'build the web app first: npm run build:web').toBe(
        true,
      );
      const metaPort = await freePort();
      env = await createTestEnvironment({
        config: {
          server: { webDist },
          plugins: { enabled: [FIXTURE] },
          whatsapp: { graphBaseUrl: `http://127.0.0.1:${metaPort}` },
        },
      });
      meta = await startSandbox({
        port: metaPort,
        numbers: [{ ...FRESH, webhookUrl: `${env.url}/webhooks/whatsapp` }],
      });
      await env
        .api()
        .put(`/api/numbers/${env.numbers.sales.id}/plugins/fixture-pipeline`)
        .send({ enabled: true })
        .expect(200);
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await context?.close();
      await browser?.close();
      await meta?.close();
      await env?.close();
    });

    /** A fresh admin page in a language, signed in through the login screen, on one admin section. */
    async function openAdmin(section: string, locale = 'en-US'): Promise<Page> {
      await context?.close();
      context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
      await recordCspViolations(context);
      const page = await context.newPage();
      page.on('dialog', (d) => void d.accept());
      await signInPage(page, env.url, env.users.admin);
      await page.goto(`${env.url}/admin?section=${section}`);
      return page;
    }

    const templatesAtApi = async (name: string) =>
      (await env.api().get(`/api/numbers/${env.numbers.sales.id}/templates?name=${name}`).expect(200)).body
        .items as TemplateBody[];

    it('creates a template with examples, a preview and buttons; it is listed PENDING; Meta’s refusal is shown', async () => {
      const p = await openAdmin('templates');
      await p.getByRole('heading', { name: 'Message templates', level: 2 }).waitFor();
      await p.getByLabel('Number (its WhatsApp Business Account)').selectOption({ index: 0 });
      await p
        .getByLabel('Number (its WhatsApp Business Account)')
        .selectOption({ label: env.numbers.sales.displayPhoneNumber });
      const form = p.getByRole('form', { name: 'Create a template' });
      const submit = form.getByRole('button', { name: 'Send to Meta for review' });

      // Checked in the form first: each problem beside its field, Meta is not asked.
      await form.getByLabel('Template name').fill('Order Shipped');
      await submit.click();
      await form.getByText('Use only lowercase letters, digits and underscores.').waitFor();
      await form.getByText('Enter the text of the message.').waitFor();
      expect(await form.getByLabel('Template name').getAttribute('aria-invalid')).toBe('true');
      await form.getByRole('alert').getByText('Correct the fields marked above.').waitFor();

      await form.getByLabel('Template name').fill('order_shipped_v2');
      await form.getByLabel('Language code').fill('pt_BR');
      await form.getByLabel('Category').selectOption({ label: 'Utility (about an order or account)' });
      await form.getByLabel('Header (optional)').fill('Pedido {{1}}');
      await form.getByLabel('Body', { exact: true }).fill('Olá {{1}}, seu pedido {{2}} foi enviado.');
      await form.getByLabel('Footer (optional)').fill('Loja Exemplo');
      // One example per variable, the header's apart from the body's; the preview shows them in place.
      await form.getByLabel('Header example for 1').fill('8841');
      await form.getByLabel('Example for 1', { exact: true }).fill('Ana');
      for (let i = 0; i < 3; i++) await form.getByRole('button', { name: 'Add button' }).click();
      await form.getByRole('button', { name: 'Remove button 3' }).click();
      expect(await form.getByRole('group', { name: /^Button \d$/ }).count()).toBe(2);
      const first = form.getByRole('group', { name: 'Button 1' });
      await first.getByLabel('Button text').fill('Track order');
      await first.getByLabel('Kind').selectOption({ label: 'Visit website' });
      await first.getByLabel('Website address').fill('http://shop.example/track');
      await form.getByRole('group', { name: 'Button 2' }).getByLabel('Button text').fill('Thanks');
      await submit.click();
      await form.getByText('Enter an address starting with https://.').waitFor();
      await form.getByText('Give an example value.').waitFor();
      await first.getByLabel('Website address').fill('https://shop.example/track');
      await form.getByLabel('Example for 2').fill('8841');

      const preview = form.getByRole('figure', { name: 'Preview' });
      await preview.getByText('Pedido 8841', { exact: true }).waitFor();
      await preview.getByText('Olá Ana, seu pedido 8841 foi enviado.', { exact: true }).waitFor();
      await preview.getByText('Loja Exemplo', { exact: true }).waitFor();
      await preview.getByText('Track order', { exact: true }).waitFor();

      await submit.click();
      await form
        .getByRole('status')
        .getByText('Template order_shipped_v2 (pt_BR) was sent to Meta. Status: PENDING.')
        .waitFor();
      await p
        .locator('tr[data-template="order_shipped_v2:pt_BR"]')
        .getByText('PENDING', { exact: true })
        .waitFor();
      const [stored] = await templatesAtApi('order_shipped_v2');
      expect(stored).toMatchObject({
        language: 'pt_BR',
        category: 'UTILITY',
        status: 'PENDING',
        parameterFormat: 'POSITIONAL',
        components: [
          { type: 'HEADER', format: 'TEXT', text: 'Pedido {{1}}', example: { header_text: ['8841'] } },
          {
            type: 'BODY',
            text: 'Olá {{1}}, seu pedido {{2}} foi enviado.',
            example: { body_text: [['Ana', '8841']] },
          },
          { type: 'FOOTER', text: 'Loja Exemplo' },
          {
            type: 'BUTTONS',
            buttons: [
              { type: 'URL', text: 'Track order', url: 'https://shop.example/track' },
              { type: 'QUICK_REPLY', text: 'Thanks' },
            ],
          },
        ],
      });

      // Meta refuses a name it already has in this language (order_update, pt_BR): its code and words are shown.
      const before = (await templatesAtApi('order_update')).length;
      await form.getByLabel('Template name').fill('order_update');
      await form.getByLabel('Body', { exact: true }).fill('Seu pedido foi atualizado.');
      // The form was emptied for the next template (language and category kept).
      expect(await form.getByLabel('Header (optional)').inputValue()).toBe('');
      expect(await form.getByLabel('Language code').inputValue()).toBe('pt_BR');
      expect(await form.getByRole('group', { name: /^Button \d$/ }).count()).toBe(0);
      await submit.click();
      const refusal = form.getByRole('alert').filter({ hasText: 'Meta refused the template:' });
      await refusal.getByText(/#100\/2388024/).waitFor();
      await refusal.getByText('There is already pt_BR content for this template', { exact: false }).waitFor();
      expect((await templatesAtApi('order_update')).length).toBe(before);

      // Authentication: Meta's preset text, previewed; only the security notice and the expiry are chosen.
      await form.getByLabel('Category').selectOption({ label: 'Authentication (one-time code)' });
      await form.getByLabel('Template name').fill('login_code');
      await form.getByLabel('Language code').fill('en_US');
      await form.getByLabel('Code expires after (minutes, optional)').fill('10');
      await preview
        .getByText('123456 is your verification code. For your security, do not share this code.')
        .waitFor();
      await preview.getByText('This code expires in 10 minutes.').waitFor();
      await submit.click();
      await form
        .getByRole('status')
        .getByText('Template login_code (en_US) was sent to Meta. Status: PENDING.')
        .waitFor();
      expect((await templatesAtApi('login_code'))[0]).toMatchObject({ category: 'AUTHENTICATION' });
    });

    it('creates a routing rule through the editor, with the api’s problems at their fields; the rule then routes, and edits keep the rest', async () => {
      const sales = env.numbers.sales.departmentId;
      const p = await openAdmin('routing');
      await p.getByRole('heading', { name: 'Routing and SLA', level: 2 }).waitFor();
      await p.getByLabel('Department').selectOption({ label: 'Sales' });
      const form = p.getByRole('form', { name: 'New routing rule' });
      await form.getByLabel('Rule name').fill('Quotes from São Paulo');
      await form.getByLabel('Message has any of these words').fill('orçamento, proposta');
      // Without the +, the api refuses the prefix and names the path: the form shows it at that field.
      await form.getByLabel('Phone starts with').fill('5511');
      await form.getByLabel('Priority').selectOption({ label: 'High' });
      await form.getByLabel('Add labels').fill('quote, sp');
      // The stages offered are those of the default pipeline (the plugin's Deals), as the api checks.
      await form.getByLabel('Move the card to stage').selectOption({ label: 'Open (open)' });
      await form.getByRole('button', { name: 'Add rule' }).click();
      await form.getByText('an E.164 prefix like +5511').waitFor();
      expect(await form.getByLabel('Phone starts with').getAttribute('aria-invalid')).toBe('true');
      await form.getByRole('alert').getByText('The rule was not saved').waitFor();

      // A reference the api checks: a template the WABA does not have.
      await form.getByLabel('Phone starts with').fill('+5511');
      await form.getByLabel('Automatic reply').selectOption({ label: 'Approved template' });
      await form.getByLabel('Template name').fill('no_such_template');
      await form.getByLabel('Template language').fill('pt_BR');
      await form.getByRole('button', { name: 'Add rule' }).click();
      await form.getByText('no template "no_such_template" in pt_BR (sync templates first)').waitFor();
      expect(await form.getByLabel('Template name').getAttribute('aria-invalid')).toBe('true');
      expect(await form.getByLabel('Phone starts with').getAttribute('aria-invalid')).toBeNull();

      await form.getByLabel('Automatic reply').selectOption({ label: 'No reply' });
      await form.getByRole('button', { name: 'Add rule' }).click();
      await p.locator('tr[data-rule="Quotes from São Paulo"]').waitFor();
      const listed = (await env.api().get(`/api/departments/${sales}/routing-rules`).expect(200))
        .body as RuleBody[];
      const rule = listed.find((r) => r.name === 'Quotes from São Paulo');
      expect(rule).toMatchObject({
        trigger: 'conversation_opened',
        numberId: null,
        stop: false,
        conditions: { text: { keywords: ['orçamento', 'proposta'] }, contact: { phonePrefix: ['+5511'] } },
        actions: { priority: 'high', labels: { add: ['quote', 'sp'] }, stage: 'open' },
      });
      expect(Object.keys(rule?.conditions ?? {}).sort()).toEqual(['contact', 'text']);
      expect(Object.keys(rule?.actions ?? {}).sort()).toEqual(['labels', 'priority', 'stage']);

      // The rule routes: a customer from São Paulo asking for a quote gets high priority and the labels.
      const waId = '5511966660001';
      await env.sandbox
        .customer(waId, { phoneNumberId: env.numbers.sales.phoneNumberId, name: 'Paula Reis' })
        .text('Quero um orçamento, por favor');
      const [routed] = await waitFor(
        () =>
          env.query<{ priority: string; labels: string[] }>(
            `select c.priority, c.labels from conversations c join contacts k on k.id = c.contact_id
            where k.wa_id = $1 and c.priority = 'high'`,
            [waId],
          ),
        { what: 'the conversation routed by the new rule' },
      );
      expect(routed.labels.sort()).toEqual(['quote', 'sp']);

      // Editing: the form opens with the rule as it is; a change keeps everything else.
      await p.getByRole('button', { name: 'Edit Quotes from São Paulo' }).click();
      const edit = p.getByRole('form', { name: 'Edit the rule Quotes from São Paulo' });
      expect(await edit.getByLabel('Message has any of these words').inputValue()).toBe(
        'orçamento, proposta',
      );
      expect(await edit.getByLabel('Phone starts with').inputValue()).toBe('+5511');
      await edit.getByLabel('Priority').selectOption({ label: 'Urgent' });
      await edit.getByLabel('Stop here when it matches', { exact: false }).check();
      await edit.getByRole('button', { name: 'Save' }).click();
      await p
        .getByRole('form', { name: 'Edit the rule Quotes from São Paulo' })
        .waitFor({ state: 'detached' });
      const after = (await env.api().get(`/api/departments/${sales}/routing-rules`).expect(200))
        .body as RuleBody[];
      expect(after.find((r) => r.id === rule?.id)).toMatchObject({
        stop: true,
        conditions: { text: { keywords: ['orçamento', 'proposta'] }, contact: { phonePrefix: ['+5511'] } },
        actions: { priority: 'urgent', labels: { add: ['quote', 'sp'] }, stage: 'open' },
      });
    });

    it("shows each department's pipelines: stages with category, WIP limit and required fields, fields with their options, and where they come from", async () => {
      const p = await openAdmin('pipelines');
      await p.getByRole('heading', { name: 'Pipelines and fields', level: 2 }).waitFor();
      await p.getByLabel('Department').selectOption({ label: 'Sales' });
      const deals = p.getByRole('article', { name: 'Sales · Deals deals' });
      await deals.getByText('Declared by the plugin fixture-pipeline').waitFor();
      await deals.getByText('New conversations land here').waitFor();
      const cells = async (row: string) =>
        (await deals.locator(`${row} td`).allTextContents()).map((c) => c.replace(/\s+/g, ' ').trim());
      expect(await cells('tr[data-stage="review"]')).toEqual([
        '2',
        'Review review',
        'Open',
        '2',
        'Amount, Kind',
        'Adjust',
      ]);
      expect(await cells('tr[data-stage="won"]')).toEqual([
        '3',
        'Won won',
        'Done',
        'No limit',
        '—',
        'Adjust',
      ]);
      const kind = deals.locator('tr[data-field="kind"] td');
      expect((await kind.nth(1).textContent())?.trim()).toBe('One choice');
      expect((await kind.nth(2).textContent())?.trim()).toBe('New business (new), Renewal (renewal)');
      expect((await deals.locator('tr[data-field="amount"] td').nth(2).textContent())?.trim()).toBe(
        'currency BRL',
      );
      expect((await deals.locator('tr[data-field="order"] td').nth(2).textContent())?.trim()).toBe(
        'record order in erp',
      );
      const builtIn = p.getByRole('article', { name: 'Sales · Conversations conversations' });
      await builtIn.getByText('Built in', { exact: true }).waitFor();
      expect(await builtIn.getByText('New conversations land here').count()).toBe(0);
      await builtIn.locator('tr[data-stage="waiting"]').getByText('Waiting', { exact: true }).waitFor();
      // Only Sales is shown; no form is open until an Adjust button is pressed (web-admin-pipelines.spec.ts).
      expect(await p.getByRole('article').count()).toBe(2);
      expect(await p.locator('.admin-section').locator('input, textarea').count()).toBe(0);
      expect(await p.locator('.admin-section select').count()).toBe(1);
    });

    it('connects a number to a department: Meta’s refusal by check, a bad id at its field, and the secrets never shown or returned', async () => {
      const p = await openAdmin('numbers');
      await p.getByRole('heading', { name: 'WhatsApp numbers', level: 2 }).waitFor();
      const answers: Promise<string>[] = [];
      p.on('response', (r) => {
        if (r.url().includes('/api/')) answers.push(r.text().catch(() => ''));
      });
      const form = p.getByRole('form', { name: 'Connect a number' });
      const fill = async (accessToken: string, phoneNumberId = FRESH.phoneNumberId) => {
        await form.getByLabel('Department').selectOption({ label: 'Support' });
        await form.getByLabel('Phone number id').fill(phoneNumberId);
        await form.getByLabel('WhatsApp Business Account id').fill(FRESH.wabaId);
        await form.getByLabel('Access token').fill(accessToken);
        await form.getByLabel('App secret').fill(FRESH.appSecret);
        await form.getByLabel('Webhook verify token').fill(FRESH.verifyToken);
        await form.getByRole('button', { name: 'Connect number' }).click();
      };

      // A token Meta never issued: the connection test fails; each check says what Meta answered.
      await fill('not-a-token-meta-issued');
      const checks = form.getByRole('group', { name: 'Connection test' });
      await checks.getByText('Failed', { exact: true }).waitFor();
      // Checks in order: the token, the app's subscription, the verify token.
      await checks
        .locator('li')
        .first()
        .getByText(/^#190 /)
        .waitFor();
      expect(await checks.locator('li').first().textContent()).toContain('Access token');
      await form.getByRole('alert').getByText('connection test failed', { exact: false }).waitFor();
      // The secrets were cleared from their fields as soon as they were sent.
      for (const label of ['Access token', 'App secret', 'Webhook verify token'])
        expect(await form.getByLabel(label).inputValue()).toBe('');

      // Our own check: Meta's ids are digits; the api names the field and the form shows it there.
      await fill(FRESH.accessToken, 'pn-330');
      await form.getByText('must be the numeric id Meta shows (digits only)').waitFor();
      expect(await form.getByLabel('Phone number id').getAttribute('aria-invalid')).toBe('true');

      await fill(FRESH.accessToken);
      await form.getByRole('status').getByText(`${FRESH.displayPhoneNumber} is connected`).waitFor();
      await p.locator(`tr[data-number="${FRESH.phoneNumberId}"]`).getByText('Support').waitFor();
      const listed = (await env.api().get('/api/numbers').expect(200)).body.items as {
        phoneNumberId: string;
        departmentId: string;
        health: string;
      }[];
      expect(listed.find((n) => n.phoneNumberId === FRESH.phoneNumberId)).toMatchObject({
        departmentId: env.numbers.support.departmentId,
        health: 'active',
      });
      for (const label of ['Access token', 'App secret', 'Webhook verify token'])
        expect(await form.getByLabel(label).inputValue()).toBe('');
      const texts = await Promise.all(answers);
      expect(texts.length).toBeGreaterThan(3);
      for (const text of texts)
        for (const secret of [FRESH.accessToken, FRESH.appSecret, FRESH.verifyToken])
          expect(text).not.toContain(secret);
    });

    it('creates an SLA policy with targets, a match and an escalation, then edits it; the api’s problems show at their fields', async () => {
      const support = env.numbers.support.departmentId;
      const p = await openAdmin('routing');
      await p.getByRole('heading', { name: 'Routing and SLA', level: 2 }).waitFor();
      await p.getByLabel('Department').selectOption({ label: 'Support' });
      const form = p.getByRole('form', { name: 'Create SLA policy' });
      await form.getByLabel('Key').fill('vip_support');
      await form.getByLabel('Policy').fill('VIP support');
      const first = form.getByRole('group', { name: 'First response' });
      await first.getByLabel('Warning after (min)').fill('10');
      await first.getByLabel('Deadline (min)').fill('30');
      const next = form.getByRole('group', { name: 'Next response' });
      await next.getByLabel('Warning after (min)').fill('20');
      await next.getByLabel('Deadline (min)').fill('60');
      const priorities = form.getByRole('group', { name: 'Priorities' });
      await priorities.getByLabel('High').check();
      await priorities.getByLabel('Urgent').check();
      await form.getByLabel('Request types (triage intents)').fill('complaint');
      await form.getByRole('button', { name: 'Add escalation' }).click();
      const escalation = form.getByRole('group', { name: 'Escalation 1' });
      await escalation.getByLabel('When').selectOption({ label: 'At the deadline' });
      await escalation.getByLabel('Of the clock').selectOption({ label: 'First response' });
      await escalation.getByLabel('Do', { exact: true }).selectOption({ label: 'Assign to someone' });
      // Nobody chosen: the api refuses and names the escalation's user; the form shows it there and in its list.
      await form.getByRole('button', { name: 'Create SLA policy' }).click();
      await escalation.getByText('assign_user needs the user to assign to').waitFor();
      expect(await escalation.getByLabel('Person').getAttribute('aria-invalid')).toBe('true');
      await form.getByRole('alert').getByText('escalations.0.userId', { exact: false }).waitFor();
      await escalation
        .getByLabel('Person')
        .selectOption({ label: `supportAgent <${env.users.supportAgent.email}>` });
      await form.getByRole('button', { name: 'Create SLA policy' }).click();
      await p.locator('tr[data-policy="vip_support"]').waitFor();

      type Policy = {
        id: string;
        key: string;
        match: unknown;
        targets: unknown;
        escalations: unknown;
        businessHours: boolean;
      };
      const policies = async () =>
        (await env.api().get(`/api/departments/${support}/sla-policies`).expect(200)).body as Policy[];
      const created = (await policies()).find((x) => x.key === 'vip_support');
      expect(created).toMatchObject({
        businessHours: true,
        match: { priorities: ['high', 'urgent'], numberIds: [], requestTypes: ['complaint'] },
        targets: {
          firstResponse: { warningMinutes: 10, breachMinutes: 30 },
          nextResponse: { warningMinutes: 20, breachMinutes: 60 },
          resolution: null,
        },
        escalations: [
          { on: 'breach', clock: 'first_response', action: 'assign_user', userId: env.users.supportAgent.id },
        ],
      });

      // Editing: the key stays; a warning after the deadline is refused at its field; the rest is kept.
      await p.getByRole('button', { name: 'Edit VIP support' }).click();
      const edit = p.getByRole('form', { name: 'Edit the SLA policy VIP support' });
      expect(await edit.getByLabel('Key').inputValue()).toBe('vip_support');
      expect(await edit.getByLabel('Key').getAttribute('readonly')).not.toBeNull();
      const resolution = edit.getByRole('group', { name: 'Resolution' });
      await resolution.getByLabel('Warning after (min)').fill('120');
      await resolution.getByLabel('Deadline (min)').fill('60');
      await edit.getByRole('button', { name: 'Save' }).click();
      await resolution.getByText('must be before the deadline (breachMinutes 60)').waitFor();
      expect(await resolution.getByLabel('Warning after (min)').getAttribute('aria-invalid')).toBe('true');
      await resolution.getByLabel('Deadline (min)').fill('240');
      await edit.getByLabel('Count business hours only').uncheck();
      await edit.getByRole('button', { name: 'Save' }).click();
      await edit.waitFor({ state: 'detached' });
      const edited = (await policies()).find((x) => x.key === 'vip_support');
      expect(edited).toMatchObject({
        id: created?.id,
        businessHours: false,
        match: { priorities: ['high', 'urgent'], requestTypes: ['complaint'] },
        targets: {
          firstResponse: { warningMinutes: 10, breachMinutes: 30 },
          nextResponse: { warningMinutes: 20, breachMinutes: 60 },
          resolution: { warningMinutes: 120, breachMinutes: 240 },
        },
        escalations: [{ on: 'breach', clock: 'first_response', action: 'assign_user' }],
      });
    });

    it('the new screens pass axe with their forms showing problems, with no CSP violation, and read in pt-BR and es', async () => {
      const p = await openAdmin('templates');
      const found: string[] = [];
      const form = p.getByRole('form', { name: 'Create a template' });
      await form.getByLabel('Body', { exact: true }).fill('Olá {{1}}');
      await form.getByRole('button', { name: 'Add button' }).click();
      await form.getByRole('button', { name: 'Send to Meta for review' }).click();
      await form.getByText('Give an example value.').waitFor();
      found.push(...(await axeViolations(p, '.admin')).map((v) => `templates: ${v}`));

      await env
        .api()
        .post(`/api/departments/${env.numbers.sales.departmentId}/routing-rules`)
        .send({ name: 'Axe check', actions: { priority: 'low' } })
        .expect(201);
      await p.goto(`${env.url}/admin?section=routing`);
      await p.getByLabel('Department').selectOption({ label: 'Sales' });
      const rules = p.getByRole('form', { name: 'New routing rule' });
      await rules.getByLabel('Rule name').fill('Axe');
      await rules.getByLabel('Message language (ISO codes)').fill('portuguese');
      await rules.getByRole('button', { name: 'Add rule' }).click();
      await rules.getByText('an ISO 639-1 code like en, pt or es').waitFor();
      await p.getByRole('button', { name: 'Edit Axe check' }).click();
      await p.getByRole('form', { name: 'Edit the rule Axe check' }).waitFor();
      found.push(...(await axeViolations(p, '.admin')).map((v) => `routing: ${v}`));

      await p.goto(`${env.url}/admin?section=pipelines`);
      await p.getByRole('article').first().waitFor();
      found.push(...(await axeViolations(p, '.admin')).map((v) => `pipelines: ${v}`));

      await p.goto(`${env.url}/admin?section=numbers`);
      const connect = p.getByRole('form', { name: 'Connect a number' });
      await connect.getByRole('button', { name: 'Connect number' }).click();
      await connect.getByText('Required.').first().waitFor();
      found.push(...(await axeViolations(p, '.admin')).map((v) => `numbers: ${v}`));
      expect(found).toEqual([]);
      expect(await cspViolations(p)).toEqual([]);

      // Keyboard: the template form is reached and filled without a mouse.
      await p.goto(`${env.url}/admin?section=templates`);
      await p.getByLabel('Template name').focus();
      await p.keyboard.type('kbd_only');
      await p.keyboard.press('Tab');
      expect(await p.evaluate('document.activeElement && document.activeElement.id')).toBe('tpl-language');

      for (const [locale, titles] of [
        ['pt-BR', ['Modelos de mensagem', 'Criar um modelo', 'Funis e campos', 'Conectar um número']],
        ['es', ['Plantillas de mensaje', 'Crear una plantilla', 'Embudos y campos', 'Conectar un número']],
      ] as const) {
        const q = await openAdmin('templates', locale);
        await q.getByRole('heading', { name: titles[0], level: 2 }).waitFor();
        await q.getByRole('heading', { name: titles[1], level: 3 }).waitFor();
        await q.goto(`${env.url}/admin?section=pipelines`);
        await q.getByRole('heading', { name: titles[2], level: 2 }).waitFor();
        await q.goto(`${env.url}/admin?section=numbers`);
        await q.getByRole('heading', { name: titles[3], level: 3 }).waitFor();
        expect(await cspViolations(q)).toEqual([]);
      }
    }, 240_000);
  },
);
