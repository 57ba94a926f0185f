import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, type SandboxFixture } from './testing/sandbox-fixture';
import { hasValidSignature, type ReceivedWebhook } from './testing/webhook-receiver';

type Json = Record<string, unknown>;
const MESSAGES = '/v24.0/100000000000001/messages';

function statusesFor(hooks: ReceivedWebhook[], wamid: string): Array<{ value: Json; status: Json }> {
  const out: Array<{ value: Json; status: Json }> = [];
  for (const hook of hooks) {
    const entry = ((hook.body as Json).entry as Json[])[0];
    const value = ((entry.changes as Json[])[0] as Json).value as Json;
    for (const status of (value.statuses as Json[] | undefined) ?? [])
      if (status.id === wamid) out.push({ value, status });
  }
  return out;
}

const text = (to: string, body: string) => ({
  messaging_product: 'whatsapp',
  to,
  type: 'text',
  text: { body },
});
const template = (name: string, code: string, params: string[] = []) => ({
  messaging_product: 'whatsapp',
  to: '5511987654321',
  type: 'template',
  template: {
    name,
    language: { code },
    components: params.length
      ? [{ type: 'body', parameters: params.map((p) => ({ type: 'text', text: p })) }]
      : [],
  },
});
const errorOf = (json: unknown) => (json as { error: Json }).error;
const wamidOf = (json: unknown) => (((json as Json).messages as Json[])[0] as Json).id as string;

/**
 * The marker for "no further status came": a later template send's last status. Statuses are emitted in send
 * order at fixed delays, so anything an earlier send would still emit comes before the marker's last one.
 */
async function afterLaterSend(fx: SandboxFixture, lastStatusCount: number): Promise<void> {
  const res = await fx.graph(MESSAGES, { body: template('hello_world', 'en_US') });
  const marker = wamidOf(res.json);
  await fx.receiver.waitFor((r) => statusesFor(r, marker).length === lastStatusCount);
}

describe('POST /{phone_number_id}/messages', () => {
  let fx: SandboxFixture;
  let clock = Date.UTC(2026, 0, 1, 12);
  beforeAll(async () => {
    fx = await startFixture({ now: () => clock });
  });
  afterAll(() => fx.close());

  it('inside the window: 200 + wamid, then sent → delivered → read in order, with pricing on sent/delivered', async () => {
    const ana = fx.sandbox.customer('5511987654321', { name: 'Ana Souza' });
    await ana.text('Oi, vocês abrem no sábado?');
    const res = await fx.graph(MESSAGES, { body: text('+55 11 98765-4321', 'Sim, das 9h às 13h.') });
    expect(res.status).toBe(200);
    const json = res.json as Json;
    const wamid = ((json.messages as Json[])[0] as Json).id as string;
    expect(json).toEqual({
      messaging_product: 'whatsapp',
      contacts: [{ input: '+55 11 98765-4321', wa_id: '5511987654321' }],
      messages: [{ id: wamid }],
    });
    expect(res.text).toContain('"messaging_product":"whatsapp"');

    const hooks = await fx.receiver.waitFor((r) => statusesFor(r, wamid).length === 3);
    const statuses = statusesFor(hooks, wamid);
    expect(statuses.map((s) => s.status.status)).toEqual(['sent', 'delivered', 'read']);
    const pricing = {
      billable: false,
      pricing_model: 'PMP',
      type: 'free_customer_service',
      category: 'service',
    };
    expect(statuses[0].status).toEqual({
      id: wamid,
      status: 'sent',
      timestamp: String(Math.floor(clock / 1000)),
      recipient_id: '5511987654321',
      pricing,
    });
    expect(statuses[1].status.pricing).toEqual(pricing);
    expect(statuses[2].status.pricing).toBeUndefined();
    expect(statuses[0].value.contacts).toEqual([{ profile: { name: 'Ana Souza' }, wa_id: '5511987654321' }]);
    for (const hook of hooks) expect(hasValidSignature(hook, fx.number.appSecret)).toBe(true);

    const record = fx.sandbox.sent().find((r) => r.wamid === wamid);
    expect(record).toMatchObject({ kind: 'message', httpStatus: 200, type: 'text', waId: '5511987654321' });
    expect(record?.statuses.map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
    expect(record?.request).toEqual(text('+55 11 98765-4321', 'Sim, das 9h às 13h.'));
  });

  it('outside the window (never wrote): still 200 + wamid, then `failed` 131047 exactly as Meta', async () => {
    const res = await fx.graph(MESSAGES, { body: text('5511900001111', 'promo') });
    expect(res.status).toBe(200);
    const wamid = (((res.json as Json).messages as Json[])[0] as Json).id as string;
    const hooks = await fx.receiver.waitFor((r) => statusesFor(r, wamid).length === 1);
    const [{ value, status }] = statusesFor(hooks, wamid);
    expect(value.contacts).toBeUndefined();
    expect(status).toEqual({
      id: wamid,
      status: 'failed',
      timestamp: String(Math.floor(clock / 1000)),
      recipient_id: '5511900001111',
      errors: [
        {
          code: 131047,
          title: 'Re-engagement message',
          message: 'Re-engagement message',
          error_data: {
            details:
              'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
          },
          href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
        },
      ],
    });
    await afterLaterSend(fx, 3);
    expect(statusesFor(fx.receiver.received, wamid)).toHaveLength(1);
    expect(fx.sandbox.sent().find((r) => r.wamid === wamid)?.error).toMatchObject({
      code: 131047,
      async: true,
    });
  });

  it('the window closes 24 h after the last inbound message (injected clock)', async () => {
    await fx.sandbox.customer('5511922223333').text('oi');
    clock += 23 * 3600_000;
    const inside = await fx.graph(MESSAGES, { body: text('5511922223333', 'ainda dentro') });
    clock += 2 * 3600_000;
    const outside = await fx.graph(MESSAGES, { body: text('5511922223333', 'fora') });
    const idOf = (json: unknown) => (((json as Json).messages as Json[])[0] as Json).id as string;
    await fx.receiver.waitFor((r) => statusesFor(r, idOf(outside.json)).length === 1);
    await fx.receiver.waitFor((r) => statusesFor(r, idOf(inside.json)).length === 3);
    expect(statusesFor(fx.receiver.received, idOf(outside.json))[0].status.status).toBe('failed');
    expect(statusesFor(fx.receiver.received, idOf(inside.json))[0].status.status).toBe('sent');
  });

  it('templates work outside the window: message_status accepted, regular pricing with the template category', async () => {
    const res = await fx.graph(MESSAGES, {
      body: { ...template('hello_world', 'en_US'), to: '5511955556666' },
    });
    expect(res.status).toBe(200);
    const message = ((res.json as Json).messages as Json[])[0] as Json;
    expect(message.message_status).toBe('accepted');
    const hooks = await fx.receiver.waitFor((r) => statusesFor(r, message.id as string).length === 3);
    const [sent] = statusesFor(hooks, message.id as string);
    expect(sent.status.pricing).toEqual({
      billable: true,
      pricing_model: 'PMP',
      type: 'regular',
      category: 'utility',
    });
  });

  it('template with matching positional params is accepted', async () => {
    const res = await fx.graph(MESSAGES, { body: template('order_update', 'pt_BR', ['Ana', '#8841']) });
    expect(res.status).toBe(200);
  });

  it('template errors: unknown name or language → 132001, param mismatch → 132000, PAUSED → 132015', async () => {
    const unknown = await fx.graph(MESSAGES, { body: template('nope', 'en_US') });
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown.json)).toMatchObject({
      code: 132001,
      type: 'OAuthException',
      message: '(#132001) Template name does not exist in the translation',
      error_data: { messaging_product: 'whatsapp', details: 'template name (nope) does not exist in en_US' },
    });
    expect(errorOf(unknown.json).fbtrace_id).toEqual(expect.any(String));
    const wrongLanguage = await fx.graph(MESSAGES, { body: template('order_update', 'es_ES', ['a', 'b']) });
    expect(errorOf(wrongLanguage.json).code).toBe(132001);
    const mismatch = await fx.graph(MESSAGES, { body: template('order_update', 'pt_BR', ['Ana']) });
    expect(mismatch.status).toBe(400);
    expect(errorOf(mismatch.json)).toMatchObject({
      code: 132000,
      message: '(#132000) Number of parameters does not match the expected number of params',
    });
    expect((errorOf(mismatch.json).error_data as Json).details).toContain('(1)');
    const extra = await fx.graph(MESSAGES, { body: template('hello_world', 'en_US', ['x']) });
    expect(errorOf(extra.json).code).toBe(132000);
    const paused = await fx.graph(MESSAGES, { body: template('promo_paused', 'en_US') });
    expect(errorOf(paused.json).code).toBe(132015);
    expect(fx.sandbox.sent().filter((r) => r.error?.code === 132001)).toHaveLength(2);
  });

  it('rejects invalid bodies with Meta error shapes naming the problem', async () => {
    const cases: Array<[unknown, number, string]> = [
      [{ to: '5511987654321', type: 'text', text: { body: 'x' } }, 100, 'messaging_product'],
      [{ messaging_product: 'sms', to: '5511987654321', text: { body: 'x' } }, 100, 'messaging_product'],
      [{ messaging_product: 'whatsapp', type: 'text', text: { body: 'x' } }, 100, 'to'],
      [{ messaging_product: 'whatsapp', to: 'abc', text: { body: 'x' } }, 131009, 'recipient'],
      [{ messaging_product: 'whatsapp', to: '5511987654321', type: 'fax', fax: {} }, 100, 'type'],
      [text('5511987654321', 'x'.repeat(4097)), 100, '4096'],
      [{ messaging_product: 'whatsapp', to: '5511987654321', type: 'text' }, 100, 'text'],
      [
        { messaging_product: 'whatsapp', to: '5511987654321', type: 'image', image: {} },
        131008,
        "image['id']",
      ],
      [
        { messaging_product: 'whatsapp', to: '5511987654321', type: 'image', image: { id: '1' } },
        100,
        'media attachment',
      ],
      [
        {
          messaging_product: 'whatsapp',
          to: '5511987654321',
          type: 'audio',
          audio: { link: 'https://x.y/a.ogg', caption: 'c' },
        },
        100,
        'caption',
      ],
      [
        {
          messaging_product: 'whatsapp',
          to: '5511987654321',
          type: 'image',
          image: { link: 'https://x.y/a.jpg', caption: 'c'.repeat(1025) },
        },
        100,
        '1024',
      ],
      [interactiveButtons(4, 'ok'), 131009, 'Max: 3'],
      [interactiveButtons(2, 'x'.repeat(21)), 131009, 'Max length: 20'],
      [interactiveList(11), 131009, 'max allowed count: 10'],
      [reaction('👍👍'), 131009, 'single emoji'],
      [reaction('a'), 131009, 'single emoji'],
      [
        { messaging_product: 'whatsapp', to: '5511987654321', type: 'location', location: { latitude: 1 } },
        131008,
        'longitude',
      ],
      [
        { messaging_product: 'whatsapp', to: '5511987654321', type: 'contacts', contacts: [{}] },
        131008,
        'formatted_name',
      ],
    ];
    for (const [body, code, mentions] of cases) {
      const res = await fx.graph(MESSAGES, { body });
      expect(res.status, JSON.stringify(body).slice(0, 120)).toBe(400);
      const error = errorOf(res.json);
      expect(error.code, JSON.stringify(error)).toBe(code);
      expect(error.message).toMatch(new RegExp(`^\\(#${code}\\) `));
      expect((error.error_data as Json).details).toContain(mentions);
    }
    const malformed = await fx.graph(MESSAGES, {
      raw: '{not json',
      headers: { 'content-type': 'application/json' },
    });
    expect(errorOf(malformed.json).code).toBe(100);
  });

  it('accepts valid interactive, reaction, location, contacts and reply sends', async () => {
    await fx.sandbox.customer('5511987654321').text('oi de novo');
    for (const body of [
      interactiveButtons(3, 'Confirmar'),
      interactiveList(10),
      reaction('👍🏽'),
      reaction(''),
      { ...text('5511987654321', 'resposta'), context: { message_id: 'wamid.X' } },
      {
        messaging_product: 'whatsapp',
        to: '5511987654321',
        type: 'location',
        location: { latitude: -23.5, longitude: -46.6 },
      },
      {
        messaging_product: 'whatsapp',
        to: '5511987654321',
        type: 'contacts',
        contacts: [{ name: { formatted_name: 'Carlos' } }],
      },
      {
        messaging_product: 'whatsapp',
        to: '5511987654321',
        type: 'image',
        image: { link: 'https://files.example.com/a.jpg' },
      },
    ]) {
      const res = await fx.graph(MESSAGES, { body });
      expect(res.status, `${JSON.stringify(body).slice(0, 100)} → ${res.text}`).toBe(200);
    }
  });

  it('mark as read (and typing indicator) answers {"success":true} and is logged as mark_read', async () => {
    const res = await fx.graph(MESSAGES, {
      body: {
        messaging_product: 'whatsapp',
        status: 'read',
        message_id: 'wamid.ABC',
        typing_indicator: { type: 'text' },
      },
    });
    expect(res.status).toBe(200);
    expect(res.text).toBe('{"success":true}');
    expect(
      fx.sandbox
        .sent()
        .filter((r) => r.kind === 'mark_read')
        .at(-1)?.request,
    ).toMatchObject({ message_id: 'wamid.ABC' });
  });

  it('failNextSends fails the next N sends synchronously with the chosen code', async () => {
    fx.sandbox.failNextSends(fx.number.phoneNumberId, 2, 131016);
    fx.sandbox.failNextSends(fx.number.phoneNumberId, 1, 131000);
    const statuses: number[] = [];
    const codes: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await fx.graph(MESSAGES, { body: template('hello_world', 'en_US') });
      statuses.push(res.status);
      codes.push(res.status === 200 ? 'ok' : errorOf(res.json).code);
    }
    expect(statuses).toEqual([503, 503, 500, 200]);
    expect(codes).toEqual([131016, 131016, 131000, 'ok']);
  });

  it('wrong or missing token → 401 code 190; invalidated token → 401 190/463', async () => {
    const wrong = await fx.graph(MESSAGES, { body: text('5511987654321', 'x'), token: 'bogus' });
    expect(wrong.status).toBe(401);
    expect(errorOf(wrong.json)).toMatchObject({ code: 190, type: 'OAuthException' });
    expect(wrong.headers.get('www-authenticate')).toContain('invalid_token');
    const missing = await fx.graph(MESSAGES, { body: text('5511987654321', 'x'), token: null });
    expect(missing.status).toBe(401);
    expect(errorOf(missing.json).code).toBe(190);

    fx.sandbox.setTokenValid(fx.number.phoneNumberId, false);
    for (const path of [MESSAGES, '/v24.0/200000000000001/message_templates', '/v24.0/100000000000001']) {
      const expired = await fx.graph(path, path === MESSAGES ? { body: text('5511987654321', 'x') } : {});
      expect(expired.status).toBe(401);
      expect(errorOf(expired.json)).toMatchObject({ code: 190, error_subcode: 463 });
      expect(errorOf(expired.json).message).toMatch(/^Error validating access token: Session has expired/);
    }
    fx.sandbox.setTokenValid(fx.number.phoneNumberId, true);
    expect((await fx.graph(MESSAGES, { body: template('hello_world', 'en_US') })).status).toBe(200);
  });

  it('unknown routes and objects answer 400 GraphMethodException 100/33 instead of crashing', async () => {
    for (const [path, method] of [
      ['/v24.0/999999/messages', 'POST'],
      ['/v24.0/100000000000001/unknown_edge', 'GET'],
      ['/v24.0/123', 'GET'],
      ['/nope', 'GET'],
    ] as const) {
      const res = await fx.graph(path, { method, raw: method === 'POST' ? '{}' : undefined });
      expect(res.status, path).toBe(400);
      expect(errorOf(res.json)).toMatchObject({ type: 'GraphMethodException', code: 100, error_subcode: 33 });
    }
    expect(errorOf((await fx.graph('/v24.0/123')).json).message).toContain(
      "Object with ID '123' does not exist",
    );
    const phone = await fx.graph('/v25.0/100000000000001');
    expect(phone.json).toMatchObject({ id: '100000000000001', display_phone_number: '+15550000001' });
  });

  it('GET /{waba_id}/message_templates lists templates with components and paging cursors', async () => {
    const res = await fx.graph('/v24.0/200000000000001/message_templates');
    expect(res.status).toBe(200);
    const json = res.json as { data: Json[]; paging: { cursors: Json } };
    expect(json.data.map((t) => `${String(t.name)}/${String(t.language)}/${String(t.status)}`)).toEqual([
      'hello_world/en_US/APPROVED',
      'order_update/pt_BR/APPROVED',
      'order_update/en_US/APPROVED',
      'promo_paused/en_US/PAUSED',
    ]);
    expect(json.data[1]).toMatchObject({
      category: 'UTILITY',
      id: expect.stringMatching(/^\d+$/),
      components: expect.any(Array),
    });
    expect(json.paging.cursors).toMatchObject({ before: expect.any(String), after: expect.any(String) });
    const page = await fx.graph('/v24.0/200000000000001/message_templates?limit=2');
    const paged = page.json as { data: Json[]; paging: { cursors: { after: string }; next?: string } };
    expect(paged.data).toHaveLength(2);
    expect(paged.paging.next).toBeDefined();
    const rest = await fx.graph(
      `/v24.0/200000000000001/message_templates?limit=2&after=${paged.paging.cursors.after}`,
    );
    expect((rest.json as { data: Json[] }).data.map((t) => t.name)).toEqual(['order_update', 'promo_paused']);
  });
});

describe('limits and status faults', () => {
  let fx: SandboxFixture;
  afterEach(() => fx.close());

  it('over throughputPerSecond in a rolling second → HTTP 400 code 130429 (subcode 2494055)', async () => {
    fx = await startFixture({ throughputPerSecond: 5 });
    const results = await Promise.all(
      Array.from({ length: 7 }, () => fx.graph(MESSAGES, { body: template('hello_world', 'en_US') })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(5);
    const limited = results.filter((r) => r.status === 400);
    expect(limited).toHaveLength(2);
    expect(errorOf(limited[0].json)).toMatchObject({
      code: 130429,
      error_subcode: 2494055,
      message: '(#130429) Rate limit hit',
    });
  });

  it('pair rate (when enabled) → 131056 after the burst to the same customer only', async () => {
    fx = await startFixture({ pairRate: { burst: 2, windowMs: 60_000 } });
    const codes: number[] = [];
    for (let i = 0; i < 3; i++)
      codes.push((await fx.graph(MESSAGES, { body: template('hello_world', 'en_US') })).status);
    expect(codes).toEqual([200, 200, 400]);
    const other = await fx.graph(MESSAGES, {
      body: { ...template('hello_world', 'en_US'), to: '5511900000000' },
    });
    expect(other.status).toBe(200);
    const again = await fx.graph(MESSAGES, { body: template('hello_world', 'en_US') });
    expect(errorOf(again.json).code).toBe(131056);
  });

  it('skipDelivered: sent then read, and pricing moves to read', async () => {
    fx = await startFixture();
    fx.sandbox.setWebhookFaults({ skipDelivered: true });
    const res = await fx.graph(MESSAGES, { body: template('hello_world', 'en_US') });
    const wamid = (((res.json as Json).messages as Json[])[0] as Json).id as string;
    await fx.receiver.waitFor((r) => statusesFor(r, wamid).length === 2);
    await afterLaterSend(fx, 2);
    const statuses = statusesFor(fx.receiver.received, wamid).map((s) => s.status);
    expect(statuses.map((s) => s.status)).toEqual(['sent', 'read']);
    expect(statuses[1].pricing).toBeDefined();
  });

  it('setNextWamid with statuses: false gives the send that wamid and no status webhooks', async () => {
    fx = await startFixture();
    fx.sandbox.setNextWamid(fx.number.phoneNumberId, 'wamid.PRESET-QUIET', { statuses: false });
    const quiet = await fx.graph(MESSAGES, { body: template('hello_world', 'en_US') });
    expect(((quiet.json as Json).messages as Json[])[0]).toMatchObject({ id: 'wamid.PRESET-QUIET' });
    const res = await fx.graph(MESSAGES, { body: template('hello_world', 'en_US') });
    const wamid = (((res.json as Json).messages as Json[])[0] as Json).id as string;
    // The later send's last status is the marker: the quiet send's would have been emitted before it.
    await fx.receiver.waitFor((r) => statusesFor(r, wamid).length === 3);
    expect(statusesFor(fx.receiver.received, 'wamid.PRESET-QUIET')).toEqual([]);
    expect(fx.sandbox.sent().find((r) => r.wamid === 'wamid.PRESET-QUIET')?.statuses).toEqual([]);
  });

  it('reorderStatuses: read, delivered, sent', async () => {
    fx = await startFixture();
    fx.sandbox.setWebhookFaults({ reorderStatuses: true });
    const res = await fx.graph(MESSAGES, { body: template('hello_world', 'en_US') });
    const wamid = (((res.json as Json).messages as Json[])[0] as Json).id as string;
    const hooks = await fx.receiver.waitFor((r) => statusesFor(r, wamid).length === 3);
    expect(statusesFor(hooks, wamid).map((s) => s.status.status)).toEqual(['read', 'delivered', 'sent']);
  });

  it('read: -1 never emits read; biz_opaque_callback_data is echoed; BSUID recipients resolve', async () => {
    fx = await startFixture({ statusDelaysMs: { sent: 1, delivered: 2, read: -1 } });
    fx.sandbox.customer('5511987654321', { bsuid: 'BR.8412093375510264' });
    const res = await fx.graph(MESSAGES, {
      body: {
        ...template('hello_world', 'en_US'),
        to: 'BR.8412093375510264',
        biz_opaque_callback_data: 'order-8841',
      },
    });
    expect((res.json as Json).contacts).toEqual([
      { input: 'BR.8412093375510264', wa_id: '', user_id: 'BR.8412093375510264' },
    ]);
    const wamid = (((res.json as Json).messages as Json[])[0] as Json).id as string;
    await fx.receiver.waitFor((r) => statusesFor(r, wamid).length === 2);
    await afterLaterSend(fx, 2);
    const statuses = statusesFor(fx.receiver.received, wamid).map((s) => s.status);
    expect(statuses.map((s) => s.status)).toEqual(['sent', 'delivered']);
    expect(statuses[0]).toMatchObject({
      biz_opaque_callback_data: 'order-8841',
      recipient_id: '5511987654321',
      recipient_user_id: 'BR.8412093375510264',
    });
  });
});

function interactiveButtons(count: number, title: string): Json {
  return {
    messaging_product: 'whatsapp',
    to: '5511987654321',
    type: 'interactive',
    interactive: {
      type: 'button',
      body: { text: 'Confirma a entrega?' },
      action: {
        buttons: Array.from({ length: count }, (_, i) => ({
          type: 'reply',
          reply: { id: `b${i}`, title: `${title}${'!'.repeat(i)}` },
        })),
      },
    },
  };
}

function interactiveList(rows: number): Json {
  return {
    messaging_product: 'whatsapp',
    to: '5511987654321',
    type: 'interactive',
    interactive: {
      type: 'list',
      body: { text: 'Escolha o frete' },
      action: {
        button: 'Ver opções',
        sections: [
          {
            title: 'A',
            rows: Array.from({ length: Math.ceil(rows / 2) }, (_, i) => ({
              id: `a${i}`,
              title: `Opção A${i}`,
            })),
          },
          {
            title: 'B',
            rows: Array.from({ length: Math.floor(rows / 2) }, (_, i) => ({
              id: `b${i}`,
              title: `Opção B${i}`,
            })),
          },
        ],
      },
    },
  };
}

function reaction(emoji: string): Json {
  return {
    messaging_product: 'whatsapp',
    to: '5511987654321',
    type: 'reaction',
    reaction: { message_id: 'wamid.X', emoji },
  };
}
