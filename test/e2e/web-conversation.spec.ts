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
import { fakeWamid, messagesEnvelope, unixNow } from './helpers';

const webDist = resolve(process.cwd(), 'apps/web/dist');
const shots = resolve(process.cwd(), 'docs/screenshots');
// The fixture's "Deals" pipeline: open → review (needs amount and kind) → won / lost; fields of every type.
const FIXTURE = './dist/test/fixtures/plugins/pipeline';
describe('web conversation pane in a real browser', () => {
  let env: TestEnvironment;
  let browser: Browser;
  /** Moves Meta's (the sandbox's) clock relative to ours: ahead, Meta sees the window closed when we do not. */
  let metaClockSkewMs = 0;
  let n = 0;

  beforeAll(async () => {
    expect(
      existsSync(resolve(webDist, 'index.html')),
      'build the web app first: npm run build:web (npm test does)',
    ).toBe(true);
    env = await createTestEnvironment({
      config: { server: { webDist }, plugins: { enabled: [FIXTURE] } },
      sandbox: { now: () => Date.now() + metaClockSkewMs },
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  const newWaId = () => `55119${Date.now().toString().slice(-6)}${String(n++).padStart(2, '0')}`;

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

  /** The conversation of a customer, once their message `text` is stored. */
  async function conversationOf(waId: string): Promise<string> {
    const rows = await waitFor(
      () =>
        env.query<{ id: string }>(
          `select c.id from conversations c join contacts k on k.id = c.contact_id
            where k.wa_id = $1 and exists (select 1 from messages m where m.conversation_id = c.id)`,
          [waId],
        ),
      { what: `conversation of ${waId}` },
    );
    return rows[0].id;
  }

  /** What the sandbox customer received from the sales number (text bodies and template names). */
  const received = (waId: string): string[] =>
    env.sandbox
      .sent(env.numbers.sales.phoneNumberId)
      .filter((s) => s.kind === 'message' && s.waId === waId)
      .map((s) => {
        const r = s.request as { text?: { body?: string }; template?: { name?: string } };
        return r.text?.body ?? `template:${r.template?.name ?? '?'}`;
      });

  const screenshot = async (page: Page, name: string) => {
    if (process.env.SCREENSHOTS !== '1') return;
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: resolve(shots, `${name}.png`) });
  };

  const composer = (page: Page) => page.locator('textarea[name=composer]');
  const message = (page: Page, text: string) => page.locator('ol.messages li.message', { hasText: text });

  it('opens a conversation by its link, replies, the customer receives it and the ticks follow; a failure shows Meta’s reason', async () => {
    const waId = newWaId();
    await env.sandbox.customer(waId, { name: 'Lia Prado' }).text('Vocês têm horário amanhã?');
    const id = await conversationOf(waId);
    const page = await signedIn('salesAgent');
    try {
      await page.locator('button.row', { hasText: 'Lia Prado' }).click();
      await page.waitForURL(new RegExp(`/inbox/${id}$`));
      await message(page, 'Vocês têm horário amanhã?').waitFor();
      await expect
        .poll(() => page.locator('[data-window]').textContent())
        .toMatch(/24-hour window open until/);

      await composer(page).fill('Temos às 10h e às 15h.');
      await composer(page).press('Enter');
      await waitFor(() => received(waId).includes('Temos às 10h e às 15h.') || null, {
        what: 'the customer received the reply',
      });
      const mine = message(page, 'Temos às 10h e às 15h.');
      await mine.locator('.tick[data-status="read"]').waitFor({ timeout: 20_000 });
      await expect.poll(() => composer(page).inputValue()).toBe('');
      // The reply took the unowned conversation.
      await page.locator('[data-owner]', { hasText: 'Owner: salesAgent' }).waitFor();
      await screenshot(page, 'conversation');

      // A reload keeps the open conversation (the route carries it).
      await page.reload();
      await message(page, 'Temos às 10h e às 15h.').waitFor();

      // Meta's clock runs 25 h ahead: we think the window is open, Meta refuses with 131047.
      metaClockSkewMs = 25 * 3600 * 1000;
      try {
        await composer(page).fill('Ainda está aí?');
        await page.getByRole('button', { name: 'Send', exact: true }).click();
        const failed = message(page, 'Ainda está aí?');
        await failed.locator('.tick[data-status="failed"]').waitFor({ timeout: 20_000 });
        await expect
          .poll(() => failed.locator('.failed[role=note]').textContent())
          .toBe(
            'Re-engagement message (131047) — Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
          );
      } finally {
        metaClockSkewMs = 0;
      }
    } finally {
      await page.close();
    }
  });

  it('outside the 24-hour window offers only the template picker, with typed parameters and a preview, and sends the template', async () => {
    const waId = newWaId();
    await env.sandbox.deliver(
      env.numbers.sales.phoneNumberId,
      messagesEnvelope(env, 'sales', {
        contacts: [{ profile: { name: 'Rui Antigo' }, wa_id: waId }],
        messages: [
          {
            from: waId,
            id: fakeWamid(),
            timestamp: unixNow(-26 * 3600),
            type: 'text',
            text: { body: 'Mensagem de ontem' },
          },
        ],
      }),
      { retry: false },
    );
    const id = await conversationOf(waId);
    const page = await signedIn('salesAgent');
    try {
      await page.goto(`${env.url}/inbox/${id}`);
      await message(page, 'Mensagem de ontem').waitFor();
      await page.getByText('The 24-hour window is closed').waitFor();
      expect(await composer(page).count()).toBe(0);

      const option = page.locator('select[name=template] option', { hasText: 'order_update · pt_BR' });
      await option.waitFor({ state: 'attached' });
      await page.locator('select[name=template]').selectOption((await option.getAttribute('value')) ?? '');
      const send = page.getByRole('button', { name: 'Send template' });
      expect(await send.isDisabled()).toBe(true);
      await page.getByLabel('Value of {{1}}').fill('Rui');
      await page.getByLabel('Value of {{2}}').fill('8841');
      await expect
        .poll(() => page.locator('.preview-body').textContent())
        .toBe('Olá Rui, seu pedido 8841 foi atualizado. Responda para falar com a gente.');
      await page.locator('.preview-button', { hasText: 'Falar com atendente' }).waitFor();
      expect(await axeViolations(page, '.pane')).toEqual([]);
      await send.click();

      await waitFor(() => received(waId).includes('template:order_update') || null, {
        what: 'the customer received the template',
      });
      const sent = env.sandbox.sent(env.numbers.sales.phoneNumberId).find((s) => s.waId === waId);
      expect(sent?.request).toMatchObject({
        type: 'template',
        template: {
          name: 'order_update',
          language: { code: 'pt_BR' },
          components: [
            {
              type: 'body',
              parameters: [
                { type: 'text', text: 'Rui' },
                { type: 'text', text: '8841' },
              ],
            },
          ],
        },
      });
      await message(page, '[template order_update] Rui · 8841').waitFor();
    } finally {
      await page.close();
    }
  });

  it('an internal note is shown apart and never reaches the customer', async () => {
    const waId = newWaId();
    await env.sandbox.customer(waId, { name: 'Nina Nota' }).text('Quero falar com alguém');
    const id = await conversationOf(waId);
    await waitFor(
      async () => ((await env.api().get(`/api/conversations/${id}`).expect(200)).body.card ? true : null),
      { what: 'the card of the conversation' },
    );
    const page = await signedIn('salesSupervisor');
    try {
      await page.goto(`${env.url}/inbox/${id}`);
      await message(page, 'Quero falar com alguém').waitFor();
      await page.getByText('Internal note', { exact: true }).click();
      await composer(page).fill('Cliente antigo, oferecer desconto. ');
      await composer(page).press('End');
      await composer(page).pressSequentially('@salesA');
      await page.getByRole('option').getByText('@salesAgent').click();
      await page.getByRole('button', { name: 'Add note' }).click();

      const note = page.locator('ol.messages li.note');
      await note.waitFor();
      expect(await note.locator('.body').textContent()).toBe(
        'Cliente antigo, oferecer desconto. @salesAgent',
      );
      expect(await note.locator('.mention').textContent()).toBe('@salesAgent');
      expect(await note.getAttribute('class')).not.toContain('message');

      // A later reply is the marker: once the customer has it, anything sent before it has arrived too.
      await page.getByText('Reply', { exact: true }).click();
      await composer(page).fill('Já vou te atender.');
      await composer(page).press('Enter');
      await waitFor(() => received(waId).includes('Já vou te atender.') || null, {
        what: 'the marker reply',
      });
      expect(received(waId)).toEqual(['Já vou te atender.']);
      const stored = await env.query<{ body: string | null }>(
        `select body from messages where conversation_id = $1 and direction = 'out'`,
        [id],
      );
      expect(stored.map((m) => m.body)).toEqual(['Já vou te atender.']);
    } finally {
      await page.close();
    }
  });

  it("a non-owner's reply shows the api's 409 reason; a supervisor takes over and replies; each sees the other viewing", async () => {
    const waId = newWaId();
    await env.sandbox.customer(waId, { name: 'Otto Dono' }).text('Alguém me ajuda?');
    const id = await conversationOf(waId);
    await env.as('salesAgent').post(`/api/conversations/${id}/claim`).expect(200);

    const agent = await signedIn('salesAgent');
    const supervisor = await signedIn('salesSupervisor');
    try {
      await agent.goto(`${env.url}/inbox/${id}`);
      await supervisor.goto(`${env.url}/inbox/${id}`);
      await message(supervisor, 'Alguém me ajuda?').waitFor();
      await supervisor.locator('[data-owner]', { hasText: 'Owner: salesAgent' }).waitFor();

      // Presence: each sees the other in the conversation, and the agent's typing.
      await agent.locator('.presence', { hasText: 'salesSupervisor viewing' }).waitFor();
      await supervisor.locator('.presence', { hasText: 'salesAgent viewing' }).waitFor();
      await composer(agent).pressSequentially('Um mom');
      await supervisor.locator('.presence', { hasText: 'salesAgent typing…' }).waitFor();
      await composer(agent).fill('');

      await composer(supervisor).fill('Posso ajudar?');
      await composer(supervisor).press('Enter');
      await expect
        .poll(() => supervisor.getByRole('alert').textContent())
        .toBe(
          `The API answered 409: conversation ${id} is owned by salesAgent: only the owner replies; a supervisor can take it over`,
        );
      expect(await composer(supervisor).inputValue()).toBe('Posso ajudar?');

      await supervisor.getByRole('button', { name: 'Take over' }).click();
      await supervisor.locator('[data-owner]', { hasText: 'Owner: salesSupervisor' }).waitFor();
      await expect.poll(() => supervisor.getByRole('alert').count()).toBe(0);
      await supervisor.getByRole('button', { name: 'Send', exact: true }).click();
      await waitFor(() => received(waId).includes('Posso ajudar?') || null, {
        what: "the supervisor's reply reached the customer",
      });
      // The agent's pane follows: the new owner and the supervisor's message arrive live.
      await agent.locator('[data-owner]', { hasText: 'Owner: salesSupervisor' }).waitFor();
      await message(agent, 'Posso ajudar?').waitFor();

      // The supervisor hands it back to the agent.
      const assign = supervisor.getByLabel('Assign');
      await assign.locator('option', { hasText: 'salesAgent' }).waitFor({ state: 'attached' });
      await assign.selectOption({ label: 'salesAgent' });
      await agent.locator('[data-owner]', { hasText: 'Owner: salesAgent' }).waitFor();
      expect((await env.api().get(`/api/conversations/${id}`).expect(200)).body.owner).toEqual({
        id: env.users.salesAgent.id,
        name: 'salesAgent',
      });
    } finally {
      await agent.close();
      await supervisor.close();
    }
  });

  it('shows every message type, and hostile text in any of them as text that never runs', async () => {
    const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    const waId = newWaId();
    const customer = env.sandbox.customer(waId, { name: `Hostil ${payload}` });
    const first = await customer.text(`texto ${payload}`);
    await customer.image({ caption: `legenda ${payload}` });
    await customer.document({ filename: `arquivo ${payload}.pdf`, mimeType: 'application/pdf' });
    await customer.contacts([
      { name: { formatted_name: `contato ${payload}` }, phones: [{ phone: '+55 11 4000-0000' }] },
    ]);
    await customer.buttonReply({ id: 'b1', title: `botão ${payload}` });
    await customer.listReply({ id: 'l1', title: `lista ${payload}`, description: `descrição ${payload}` });
    await customer.location({
      latitude: -23.5614,
      longitude: -46.6559,
      name: `lugar ${payload}`,
      address: `rua ${payload}`,
    });
    await customer.reaction(first.wamid, '👍');
    await customer.unsupported();
    const typo = await customer.text('errado');
    await customer.edit(typo.wamid, 'certo');
    const regret = await customer.text('vou apagar isto');
    await customer.revoke(regret.wamid);
    await customer.sticker();
    const id = await conversationOf(waId);
    await waitFor(
      async () => {
        const [row] = await env.query<{ stickers: string; edited: string; revoked: string }>(
          `select count(*) filter (where type = 'sticker') stickers,
                  count(*) filter (where edited_at is not null) edited,
                  count(*) filter (where revoked_at is not null) revoked
             from messages where conversation_id = $1`,
          [id],
        );
        return row.stickers === '1' && row.edited === '1' && row.revoked === '1' ? true : null;
      },
      { what: 'every message stored, the edit and the revoke applied' },
    );

    const page = await signedIn('salesAgent');
    try {
      await page.goto(`${env.url}/inbox/${id}`);
      await page.locator('.contact', { hasText: `Hostil ${payload}` }).waitFor();
      const typed = (type: string) => page.locator(`ol.messages li.message[data-type="${type}"]`);
      await expect.poll(() => typed('text').first().locator('.body').textContent()).toBe(`texto ${payload}`);
      await expect.poll(() => typed('image').locator('.caption').textContent()).toBe(`legenda ${payload}`);
      // Media is fetched through the api with the token and shown from a blob URL.
      await expect
        .poll(() => typed('image').locator('img').getAttribute('src'), { timeout: 20_000 })
        .toMatch(/^blob:/);
      await expect
        .poll(() => typed('document').locator('a.file').textContent(), { timeout: 20_000 })
        .toBe(`📄 arquivo ${payload}.pdf`);
      await expect.poll(() => typed('sticker').locator('img.sticker').count(), { timeout: 20_000 }).toBe(1);
      expect(await typed('contacts').locator('.body').textContent()).toBe(`👤 contato ${payload}`);
      expect(await typed('contacts').textContent()).toContain('+55 11 4000-0000');
      const choices = await page
        .locator('ol.messages li.message[data-type="interactive"] .body')
        .allTextContents();
      expect(choices).toEqual([`botão ${payload}`, `lista ${payload}`]);
      expect(await typed('interactive').nth(1).textContent()).toContain(`descrição ${payload}`);
      expect(await typed('location').locator('.body').textContent()).toBe(`📍 lugar ${payload}`);
      expect(await typed('location').textContent()).toContain(`rua ${payload}`);
      expect(await typed('location').locator('a').getAttribute('href')).toBe(
        'https://www.openstreetmap.org/?mlat=-23.561400&mlon=-46.655900#map=16/-23.561400/-46.655900',
      );
      expect(await typed('reaction').textContent()).toContain('Reacted 👍');
      expect(await typed('unsupported').textContent()).toContain(
        'WhatsApp could not deliver this message type.',
      );
      expect(await typed('unsupported').textContent()).toContain(
        'Message type unknown: Message type is currently not supported.',
      );
      const edited = message(page, 'certo');
      expect(await edited.locator('.info').textContent()).toContain('edited');
      expect(await page.locator('ol.messages li.message', { hasText: 'vou apagar isto' }).count()).toBe(0);
      expect(await page.locator('ol.messages li.revoked').textContent()).toContain(
        'The customer deleted this message.',
      );
      // Edits and revokes show on the message they change, not as messages of their own.
      expect(
        await page.locator('ol.messages li[data-type="edit"], ol.messages li[data-type="revoke"]').count(),
      ).toBe(0);

      expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
      expect(await cspViolations(page)).toEqual([]);
      expect(await axeViolations(page, '.pane')).toEqual([]);
      expect(await page.locator('ol.messages img[src="x"], .pane script').count()).toBe(0);
    } finally {
      await page.close();
    }
  });
  it('the card panel edits fields and moves the stage, showing the api reason for a refused value or move', async () => {
    await env
      .api()
      .put(`/api/numbers/${env.numbers.sales.id}/plugins/fixture-pipeline`)
      .send({ enabled: true })
      .expect(200);
    const waId = newWaId();
    await env.sandbox.customer(waId, { name: 'Caio Cartão' }).text('Quero renovar');
    const id = await conversationOf(waId);
    const [{ card_id: cardId }] = await waitFor(
      () =>
        env.query<{ card_id: string }>(
          `select k.id card_id from cards k join pipelines p on p.id = k.pipeline_id
            where k.conversation_id = $1 and p.key = 'deals'`,
          [id],
        ),
      { what: 'the Deals card' },
    );
    const cardOf = async () =>
      (await env.as('salesAgent').get(`/api/cards/${cardId}`).expect(200)).body as {
        stage: { key: string };
        fields: Record<string, unknown>;
      };

    const page = await signedIn('salesAgent');
    try {
      await page.goto(`${env.url}/inbox/${id}`);
      const panel = page.getByRole('complementary', { name: 'Card' });
      await panel.locator('[data-stage]', { hasText: 'Stage: Open' }).waitFor();

      // Review needs amount and kind: the api refuses the move and names them.
      await panel.getByLabel('Stage').selectOption('review');
      await panel.getByRole('button', { name: 'Save' }).click();
      await expect
        .poll(() => panel.getByRole('alert').textContent())
        .toBe('The API answered 422: stage "Review" needs these fields filled in first: Amount, Kind');
      expect((await cardOf()).stage.key).toBe('open');

      // A value its type refuses is named by the api, and nothing changes.
      await panel.getByLabel('Amount (BRL) *').fill('12.345');
      await panel.getByLabel('Kind *').selectOption('renewal');
      await panel.getByRole('button', { name: 'Save' }).click();
      await expect
        .poll(() => panel.getByRole('alert').textContent())
        .toContain('has more than 2 decimal places');
      expect(await cardOf()).toMatchObject({ stage: { key: 'open' }, fields: {} });

      await panel.getByLabel('Amount (BRL) *').fill('1500');
      await panel.getByRole('button', { name: 'Save' }).click();
      await panel.locator('[data-stage]', { hasText: 'Stage: Review' }).waitFor();
      expect(await cardOf()).toMatchObject({
        stage: { key: 'review' },
        fields: { amount: { amount: 1500, currency: 'BRL' }, kind: 'renewal' },
      });
      await panel.locator('.timeline li', { hasText: 'Open → Review' }).waitFor();
      await page.locator('.head', { hasText: 'Sales · Review' }).waitFor();

      // A field alone is saved without a move.
      await panel.getByLabel('Seats').fill('12');
      await panel.getByRole('button', { name: 'Save' }).click();
      await expect.poll(async () => (await cardOf()).fields.seats).toBe(12);
    } finally {
      await page.close();
    }
  });
  it('replies to a quoted message, and the keyboard claims, snoozes, closes and reopens (listed in the help dialog)', async () => {
    // A neighbour in the list, for j / k.
    const neighbour = newWaId();
    await env.sandbox.customer(neighbour, { name: 'Vizinho Lista' }).text('Olá');
    await conversationOf(neighbour);
    const waId = newWaId();
    const asked = await env.sandbox
      .customer(waId, { name: 'Teo Teclado' })
      .text('Qual o preço do plano anual?');
    const id = await conversationOf(waId);
    const page = await signedIn('salesAgent');
    try {
      await page.goto(`${env.url}/inbox/${id}`);
      const owner = page.locator('[data-owner]');
      await owner.filter({ hasText: 'No owner (in the queue)' }).waitFor();

      await page.keyboard.press('?');
      const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await help.waitFor();
      expect(await help.locator('tr', { hasText: 'Claim' }).locator('kbd').textContent()).toBe('c');
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('dialog[open]').count()).toBe(0);

      await page.keyboard.press('c');
      await owner.filter({ hasText: 'Owner: salesAgent' }).waitFor();
      await page.keyboard.press('s');
      await page.locator('.head .tag', { hasText: "snoozed until the customer's reply" }).waitFor();
      await page.keyboard.press('s');
      await page.locator('.head .tag', { hasText: 'snoozed' }).waitFor({ state: 'detached' });

      // Reply-to: the quoted message travels to Meta as the context of the reply.
      await message(page, 'Qual o preço do plano anual?')
        .getByRole('button', { name: 'Reply to this message' })
        .click();
      await page.locator('.replying', { hasText: 'Qual o preço do plano anual?' }).waitFor();
      await composer(page).fill('R$ 1.200 por ano.');
      await composer(page).press('Enter');
      await waitFor(() => received(waId).includes('R$ 1.200 por ano.') || null, { what: 'the quoted reply' });
      const sent = env.sandbox.sent(env.numbers.sales.phoneNumberId).find((r) => r.waId === waId);
      expect(sent?.request).toMatchObject({ context: { message_id: asked.wamid } });
      await message(page, 'R$ 1.200 por ano.')
        .locator('.quote', { hasText: 'Qual o preço do plano anual?' })
        .waitFor();

      await page.locator('ol.messages').click();
      await page.keyboard.press('e');
      await page.locator('.head .tag', { hasText: 'closed' }).waitFor();
      expect((await env.as('salesAgent').get(`/api/conversations/${id}`).expect(200)).body.status).toBe(
        'closed',
      );
      await page.keyboard.press('e');
      await page.locator('.head .tag', { hasText: 'closed' }).waitFor({ state: 'detached' });
      expect((await env.as('salesAgent').get(`/api/conversations/${id}`).expect(200)).body.status).toBe(
        'open',
      );

      // j / k walk the list: the next conversation opens by its route, and back again.
      await page.locator('ol.messages').click();
      await page.keyboard.press('j');
      await page.waitForURL(
        (url) => /\/inbox\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(id),
      );
      await page.keyboard.press('k');
      await page.waitForURL((url) => url.pathname.endsWith(`/inbox/${id}`));
      await message(page, 'R$ 1.200 por ano.').waitFor();
    } finally {
      await page.close();
    }
  });
  it('opens on the newest page of a long history and loads older messages on asking', async () => {
    const waId = newWaId();
    await env.sandbox.deliver(
      env.numbers.sales.phoneNumberId,
      messagesEnvelope(env, 'sales', {
        contacts: [{ profile: { name: 'Hugo Histórico' }, wa_id: waId }],
        messages: Array.from({ length: 60 }, (_, i) => ({
          from: waId,
          id: fakeWamid(),
          timestamp: unixNow(-600 + i),
          type: 'text',
          text: { body: `histórico ${i + 1}` },
        })),
      }),
      { retry: false },
    );
    const id = await conversationOf(waId);
    await waitFor(
      async () =>
        (
          await env.query<{ n: string }>('select count(*) n from messages where conversation_id = $1', [id])
        )[0].n === '60' || null,
      { what: 'the 60 messages stored' },
    );
    const page = await signedIn('salesAgent');
    try {
      await page.goto(`${env.url}/inbox/${id}`);
      const bodies = () => page.locator('ol.messages li.message .body').allTextContents();
      // The newest 50, oldest first.
      await expect.poll(bodies).toEqual(Array.from({ length: 50 }, (_, i) => `histórico ${i + 11}`));
      await page.getByRole('button', { name: 'Load older messages' }).click();
      await expect.poll(bodies).toEqual(Array.from({ length: 60 }, (_, i) => `histórico ${i + 1}`));
      expect(await page.getByRole('button', { name: 'Load older messages' }).count()).toBe(0);
    } finally {
      await page.close();
    }
  });
  it('snoozes and wakes, sets the priority and labels, and transfers to another department', async () => {
    const waId = newWaId();
    await env.sandbox.customer(waId, { name: 'Tina Transferida' }).text('Na verdade é suporte');
    const id = await conversationOf(waId);
    const page = await signedIn('admin');
    try {
      await page.goto(`${env.url}/inbox/${id}`);
      await message(page, 'Na verdade é suporte').waitFor();
      await page.locator('.pane').getByLabel('Snooze').selectOption({ label: 'For an hour' });
      await page.locator('.head .tag', { hasText: 'snoozed until' }).waitFor();
      const snoozed = (await env.api().get(`/api/conversations/${id}`).expect(200)).body
        .snoozedUntil as string;
      const ahead = Date.parse(snoozed) - Date.now();
      expect(ahead).toBeGreaterThan(55 * 60_000);
      expect(ahead).toBeLessThan(61 * 60_000);
      await page.getByRole('button', { name: 'Wake now' }).click();
      await page.locator('.head .tag', { hasText: 'snoozed' }).waitFor({ state: 'detached' });

      // Priority and labels.
      const view = async () => (await env.api().get(`/api/conversations/${id}`).expect(200)).body;
      await page.locator('.pane').getByLabel('Priority').selectOption({ label: 'Urgent' });
      await expect.poll(async () => (await view()).priority).toBe('urgent');
      await page.getByRole('textbox', { name: 'Add label' }).fill('VIP Cliente');
      await page.getByRole('textbox', { name: 'Add label' }).press('Enter');
      await page.getByRole('button', { name: 'Remove label vip cliente' }).waitFor();
      expect((await view()).labels).toEqual(['vip cliente']);
      await page.getByRole('button', { name: 'Remove label vip cliente' }).click();
      await expect.poll(async () => (await view()).labels).toEqual([]);

      await page.locator('.pane').getByLabel('Transfer to').selectOption({ label: 'Support' });
      await page.locator('.head', { hasText: 'Support ·' }).waitFor();
      expect((await env.api().get(`/api/conversations/${id}`).expect(200)).body.department.key).toBe(
        'support',
      );
    } finally {
      await page.close();
    }
  });
});
