import { createTestEnvironment, freePort, TestEnvironment, waitFor } from '@switchboard/testing';
import { SandboxTemplate, startSandbox } from '@switchboard/wa-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from './helpers';

/**
 * Template sends are checked against the stored (synced) template before anything is stored or queued. The
 * templates below are Meta's shapes as its template API lists them; the send bodies expected at the sandbox are
 * written from Meta's send API reference (components header, body, button with sub_type and a string index).
 */
const TEMPLATES: SandboxTemplate[] = [
  {
    name: 'order_shipped',
    language: 'pt_BR',
    status: 'APPROVED',
    category: 'UTILITY',
    parameterFormat: 'NAMED',
    components: [
      { type: 'HEADER', format: 'IMAGE' },
      { type: 'BODY', text: 'Olá {{customer_name}}, seu pedido {{order_id}} foi enviado.' },
      {
        type: 'BUTTONS',
        buttons: [
          { type: 'QUICK_REPLY', text: 'Rastrear' },
          { type: 'URL', text: 'Ver pedido', url: 'https://loja.example/pedido/{{1}}' },
        ],
      },
    ],
  },
  {
    name: 'order_shipped',
    language: 'es',
    status: 'APPROVED',
    category: 'UTILITY',
    parameterFormat: 'NAMED',
    components: [{ type: 'BODY', text: 'Hola {{customer_name}}' }],
  },
  {
    name: 'invoice_ready',
    language: 'en_US',
    status: 'APPROVED',
    category: 'UTILITY',
    components: [
      { type: 'HEADER', format: 'DOCUMENT' },
      { type: 'BODY', text: 'Invoice {{1}} of {{2}} is due on {{3}}.' },
      { type: 'FOOTER', text: 'Example Store' },
    ],
  },
  {
    name: 'store_nearby',
    language: 'en_US',
    status: 'APPROVED',
    category: 'UTILITY',
    components: [
      { type: 'HEADER', format: 'LOCATION' },
      { type: 'BODY', text: 'Our store is open until 8 pm.' },
    ],
  },
  {
    name: 'welcome_back',
    language: 'en_US',
    status: 'APPROVED',
    category: 'MARKETING',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Hi {{1}}' },
      { type: 'BODY', text: 'We miss you: 20% off this week.' },
      {
        type: 'BUTTONS',
        buttons: [
          { type: 'COPY_CODE', text: 'Copy offer code' },
          { type: 'URL', text: 'Shop', url: 'https://shop.example' },
        ],
      },
    ],
  },
  {
    name: 'intro_catalog_offer',
    language: 'en_US',
    status: 'APPROVED',
    category: 'MARKETING',
    components: [
      {
        type: 'BODY',
        text: 'Now shop for your favourite products right here on WhatsApp! Get Rs {{1}} off.',
      },
      { type: 'BUTTONS', buttons: [{ type: 'CATALOG', text: 'View catalog' }] },
    ],
  },
  {
    name: 'abandoned_cart',
    language: 'en_US',
    status: 'APPROVED',
    category: 'MARKETING',
    components: [
      { type: 'BODY', text: 'Looks like you left these items in your cart, still interested?' },
      { type: 'BUTTONS', buttons: [{ type: 'MPM', text: 'View items' }] },
    ],
  },
  {
    name: 'book_appointment',
    language: 'en_US',
    status: 'APPROVED',
    category: 'UTILITY',
    components: [
      { type: 'BODY', text: 'Book your next visit.' },
      { type: 'BUTTONS', buttons: [{ type: 'FLOW', text: 'Book now', flow_id: '1197715005513101' }] },
    ],
  },
  {
    name: 'promo_pending',
    language: 'en_US',
    status: 'PENDING',
    category: 'MARKETING',
    components: [{ type: 'BODY', text: 'Soon' }],
  },
  {
    name: 'promo_paused',
    language: 'en_US',
    status: 'PAUSED',
    category: 'MARKETING',
    components: [{ type: 'BODY', text: 'Paused' }],
  },
  {
    name: 'old_notice',
    language: 'en_US',
    status: 'DELETED',
    category: 'UTILITY',
    components: [{ type: 'BODY', text: 'Gone' }],
  },
];

/** A number Meta has that the test registers itself. */
const UNSYNCED = {
  phoneNumberId: '330000000000001',
  displayPhoneNumber: '15557799001',
  wabaId: '430000000000001',
  accessToken: 'template-sends-access-token',
  appSecret: 'template-sends-app-secret',
  verifyToken: 'template-sends-verify-token',
};

const ORDER_SHIPPED = {
  name: 'order_shipped',
  language: 'pt_BR',
  header: { type: 'image', link: 'https://loja.example/img/8841.jpg' },
  bodyParameters: [
    { type: 'text', parameterName: 'customer_name', text: 'Ana' },
    { type: 'text', parameterName: 'order_id', text: '8841' },
  ],
  buttons: [
    { index: 0, type: 'quick_reply', payload: 'TRACK_8841' },
    { index: 1, type: 'url', text: '8841' },
  ],
};

describe('template sends are checked against the stored template', () => {
  let env: TestEnvironment;
  let seq = 0;
  let metaPort: number;
  beforeAll(async () => {
    metaPort = await freePort();
    env = await createTestEnvironment({
      sandbox: { templates: TEMPLATES },
      // Numbers registered through the API talk to the "Meta" a test starts at this port.
      config: { whatsapp: { graphBaseUrl: `http://127.0.0.1:${metaPort}` } },
    });
  });
  afterAll(async () => {
    await env?.close();
  });

  async function conversation(waId = `55119777${String(++seq).padStart(5, '0')}`) {
    await env.sandbox.customer(waId).withNumber(env.numbers.sales.phoneNumberId).text('Olá');
    return waitFor(
      async () =>
        (
          await env.query<{ id: string }>(
            `select c.id from conversations c join contacts k on k.id = c.contact_id where k.wa_id = $1`,
            [waId],
          )
        )[0]?.id,
      { what: `conversation of ${waId}` },
    );
  }
  const send = (conversationId: string, template: unknown) =>
    env.api().post(`/api/conversations/${conversationId}/messages`).send({ type: 'template', template });
  /** Meta's request for a stored message, once the sandbox has answered it. */
  async function sentRequest(messageId: string) {
    const wamid = await waitFor(
      async () =>
        (
          await env.query<{ wamid: string | null }>('select wamid from messages where id = $1', [messageId])
        )[0]?.wamid,
      { what: `message ${messageId} sent` },
    );
    return env.sandbox.sent().find((s) => s.wamid === wamid)?.request as Record<string, unknown>;
  }

  it("sends Meta's exact shape for header media, named body, quick reply and URL buttons", async () => {
    const id = await conversation();
    const r = await send(id, ORDER_SHIPPED);
    expect(r.status, r.text).toBe(202);
    expect((await sentRequest(r.body.id)).template).toEqual({
      name: 'order_shipped',
      language: { code: 'pt_BR' },
      components: [
        {
          type: 'header',
          parameters: [{ type: 'image', image: { link: 'https://loja.example/img/8841.jpg' } }],
        },
        {
          type: 'body',
          parameters: [
            { type: 'text', parameter_name: 'customer_name', text: 'Ana' },
            { type: 'text', parameter_name: 'order_id', text: '8841' },
          ],
        },
        {
          type: 'button',
          sub_type: 'quick_reply',
          index: '0',
          parameters: [{ type: 'payload', payload: 'TRACK_8841' }],
        },
        { type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: '8841' }] },
      ],
    });
  });

  it('sends document headers by media id, currency and date_time body parameters, and location headers', async () => {
    const id = await conversation();
    const invoice = await send(id, {
      name: 'invoice_ready',
      language: 'en_US',
      header: { type: 'document', mediaId: '2871834006348767', filename: 'invoice-8841.pdf' },
      bodyParameters: [
        { type: 'text', text: '8841' },
        { type: 'currency', fallbackValue: 'US$12.34', code: 'USD', amount1000: 12340 },
        { type: 'date_time', fallbackValue: 'March 3, 2027' },
      ],
    });
    expect(invoice.status, invoice.text).toBe(202);
    expect((await sentRequest(invoice.body.id)).template).toMatchObject({
      components: [
        {
          type: 'header',
          parameters: [
            { type: 'document', document: { id: '2871834006348767', filename: 'invoice-8841.pdf' } },
          ],
        },
        {
          type: 'body',
          parameters: [
            { type: 'text', text: '8841' },
            { type: 'currency', currency: { fallback_value: 'US$12.34', code: 'USD', amount_1000: 12340 } },
            { type: 'date_time', date_time: { fallback_value: 'March 3, 2027' } },
          ],
        },
      ],
    });
    const store = await send(id, {
      name: 'store_nearby',
      language: 'en_US',
      header: {
        type: 'location',
        latitude: -23.5505,
        longitude: -46.6333,
        name: 'Loja Centro',
        address: 'Rua A, 1',
      },
    });
    expect(store.status, store.text).toBe(202);
    expect((await sentRequest(store.body.id)).template).toMatchObject({
      components: [
        {
          type: 'header',
          parameters: [
            {
              type: 'location',
              location: { latitude: -23.5505, longitude: -46.6333, name: 'Loja Centro', address: 'Rua A, 1' },
            },
          ],
        },
      ],
    });
  });

  it('sends a TEXT header variable and a copy-code coupon', async () => {
    const id = await conversation();
    const r = await send(id, {
      name: 'welcome_back',
      language: 'en_US',
      header: { type: 'text', text: 'Ana' },
      buttons: [{ index: 0, type: 'copy_code', couponCode: 'SAVE20' }],
    });
    expect(r.status, r.text).toBe(202);
    expect((await sentRequest(r.body.id)).template).toMatchObject({
      components: [
        { type: 'header', parameters: [{ type: 'text', text: 'Ana' }] },
        {
          type: 'button',
          sub_type: 'copy_code',
          index: '0',
          parameters: [{ type: 'coupon_code', coupon_code: 'SAVE20' }],
        },
      ],
    });
  });

  it("sends catalog, multi-product and flow buttons with Meta's action parameter", async () => {
    const id = await conversation();
    const catalog = await send(id, {
      name: 'intro_catalog_offer',
      language: 'en_US',
      bodyParameters: [{ type: 'text', text: '100' }],
      buttons: [{ index: 0, type: 'catalog', thumbnailProductRetailerId: '2lc20305pt' }],
    });
    expect(catalog.status, catalog.text).toBe(202);
    expect((await sentRequest(catalog.body.id)).template).toMatchObject({
      components: [
        { type: 'body', parameters: [{ type: 'text', text: '100' }] },
        {
          type: 'button',
          sub_type: 'catalog',
          index: '0',
          parameters: [{ type: 'action', action: { thumbnail_product_retailer_id: '2lc20305pt' } }],
        },
      ],
    });
    const mpm = await send(id, {
      name: 'abandoned_cart',
      language: 'en_US',
      buttons: [
        {
          index: 0,
          type: 'mpm',
          thumbnailProductRetailerId: '2lc20305pt',
          sections: [
            { title: 'Popular Bundles', productRetailerIds: ['2lc20305pt', 'nseiw1x1bu'] },
            { title: 'Premium Packages', productRetailerIds: ['3jbbcbc2ye'] },
          ],
        },
      ],
    });
    expect(mpm.status, mpm.text).toBe(202);
    expect((await sentRequest(mpm.body.id)).template).toEqual({
      name: 'abandoned_cart',
      language: { code: 'en_US' },
      components: [
        {
          type: 'button',
          sub_type: 'mpm',
          index: '0',
          parameters: [
            {
              type: 'action',
              action: {
                thumbnail_product_retailer_id: '2lc20305pt',
                sections: [
                  {
                    title: 'Popular Bundles',
                    product_items: [
                      { product_retailer_id: '2lc20305pt' },
                      { product_retailer_id: 'nseiw1x1bu' },
                    ],
                  },
                  { title: 'Premium Packages', product_items: [{ product_retailer_id: '3jbbcbc2ye' }] },
                ],
              },
            },
          ],
        },
      ],
    });
    const flow = await send(id, {
      name: 'book_appointment',
      language: 'en_US',
      buttons: [
        { index: 0, type: 'flow', flowToken: 'ftok-8f2a', flowActionData: { screen_hint: 'WELCOME' } },
      ],
    });
    expect(flow.status, flow.text).toBe(202);
    expect((await sentRequest(flow.body.id)).template).toMatchObject({
      components: [
        {
          type: 'button',
          sub_type: 'flow',
          index: '0',
          parameters: [
            {
              type: 'action',
              action: { flow_token: 'ftok-8f2a', flow_action_data: { screen_hint: 'WELCOME' } },
            },
          ],
        },
      ],
    });
    // Meta's flow button parameter is optional (its token is then "unused"): the send goes without it.
    const bareFlow = await send(id, { name: 'book_appointment', language: 'en_US' });
    expect(bareFlow.status, bareFlow.text).toBe(202);
  });

  it('a send with wrong parameters is 422 naming the parameter, and nothing is stored, queued or sent', async () => {
    const id = await conversation();
    const named = (name: string, text = 'x') => ({ type: 'text', parameterName: name, text });
    const cases: [string, unknown, Record<string, unknown>, RegExp][] = [
      [
        'unknown name',
        { name: 'order_canceled', language: 'pt_BR' },
        { code: 'template_not_found', parameter: 'template.name' },
        /template order_canceled does not exist in WABA 200000000000001/,
      ],
      [
        'missing language',
        { ...ORDER_SHIPPED, language: 'en_US' },
        { code: 'template_language_not_found', parameter: 'template.language', languages: ['es', 'pt_BR'] },
        /no en_US version .*es, pt_BR/,
      ],
      [
        'pending',
        { name: 'promo_pending', language: 'en_US' },
        { code: 'template_not_approved', parameter: 'template.name', status: 'PENDING' },
        /is PENDING/,
      ],
      [
        'paused',
        { name: 'promo_paused', language: 'en_US' },
        { code: 'template_not_approved', status: 'PAUSED' },
        /is PAUSED/,
      ],
      ['deleted', { name: 'old_notice', language: 'en_US' }, { code: 'template_deleted' }, /deleted/],
      [
        'one body parameter too many',
        {
          name: 'invoice_ready',
          language: 'en_US',
          header: { type: 'document', link: 'https://files.example/i.pdf' },
          bodyParameters: [1, 2, 3, 4].map((n) => ({ type: 'text', text: String(n) })),
        },
        { code: 'parameter_count', parameter: 'template.bodyParameters[3]' },
        /has 3 variable\(s\)/,
      ],
      [
        'one body parameter short',
        {
          name: 'invoice_ready',
          language: 'en_US',
          header: { type: 'document', link: 'https://files.example/i.pdf' },
          bodyParameters: [{ type: 'text', text: '1' }],
        },
        { code: 'parameter_count', parameter: 'template.bodyParameters[1]' },
        /\{\{2\}\} has none/,
      ],
      [
        'named variable missing',
        { ...ORDER_SHIPPED, bodyParameters: [named('customer_name')] },
        { code: 'parameter_missing', parameter: 'template.bodyParameters', variable: 'order_id' },
        /\{\{order_id\}\} has no parameter/,
      ],
      [
        'named variable unknown',
        { ...ORDER_SHIPPED, bodyParameters: [named('customer_name'), named('order_number')] },
        { code: 'parameter_unknown', parameter: 'template.bodyParameters[1]' },
        /no variable \{\{order_number\}\}/,
      ],
      [
        'a named template given positional parameters',
        { ...ORDER_SHIPPED, bodyParameters: [{ type: 'text', text: 'Ana' }, named('order_id')] },
        { code: 'parameter_format', parameter: 'template.bodyParameters[0]' },
        /named variables/,
      ],
      [
        'an IMAGE header given a document',
        { ...ORDER_SHIPPED, header: { type: 'document', link: 'https://loja.example/a.pdf' } },
        { code: 'parameter_type', parameter: 'template.header' },
        /header of template order_shipped is IMAGE, given a document/,
      ],
      [
        'a media header without media',
        { ...ORDER_SHIPPED, header: undefined },
        { code: 'parameter_missing', parameter: 'template.header' },
        /is IMAGE: give header/,
      ],
      [
        'a TEXT header variable without parameter',
        {
          name: 'welcome_back',
          language: 'en_US',
          buttons: [{ index: 0, type: 'copy_code', couponCode: 'A1' }],
        },
        { code: 'parameter_missing', parameter: 'template.header' },
        /TEXT header .* has the variable \{\{1\}\}/,
      ],
      [
        'a TEXT header given an image',
        {
          name: 'welcome_back',
          language: 'en_US',
          header: { type: 'image', link: 'https://shop.example/a.jpg' },
          buttons: [{ index: 0, type: 'copy_code', couponCode: 'A1' }],
        },
        { code: 'parameter_type', parameter: 'template.header' },
        /is TEXT: it takes a text parameter, not image/,
      ],
      [
        'a header parameter for a template without a header',
        {
          name: 'order_shipped',
          language: 'es',
          header: { type: 'text', text: 'x' },
          bodyParameters: [named('customer_name')],
        },
        { code: 'parameter_unexpected', parameter: 'template.header' },
        /has no header/,
      ],
      [
        'the dynamic URL suffix missing',
        { ...ORDER_SHIPPED, buttons: [{ index: 0, type: 'quick_reply', payload: 'P' }] },
        { code: 'parameter_missing', parameter: 'template.buttons', buttonIndex: 1 },
        /button 1 .* is a URL button/,
      ],
      [
        'the copy code missing',
        { name: 'welcome_back', language: 'en_US', header: { type: 'text', text: 'Ana' } },
        { code: 'parameter_missing', parameter: 'template.buttons', buttonIndex: 0 },
        /COPY_CODE button/,
      ],
      [
        'a parameter for a static URL button',
        {
          name: 'welcome_back',
          language: 'en_US',
          header: { type: 'text', text: 'Ana' },
          buttons: [
            { index: 0, type: 'copy_code', couponCode: 'A1' },
            { index: 1, type: 'url', text: 'x' },
          ],
        },
        { code: 'parameter_unexpected', parameter: 'template.buttons[1]' },
        /fixed URL/,
      ],
      [
        'a quick-reply payload for a button the template does not have',
        {
          ...ORDER_SHIPPED,
          buttons: [...ORDER_SHIPPED.buttons, { index: 2, type: 'quick_reply', payload: 'P' }],
        },
        { code: 'parameter_unexpected', parameter: 'template.buttons[2]' },
        /no button 2/,
      ],
      [
        "a catalog template without the catalog button's action",
        { name: 'intro_catalog_offer', language: 'en_US', bodyParameters: [{ type: 'text', text: '100' }] },
        { code: 'parameter_missing', parameter: 'template.buttons', buttonIndex: 0 },
        /button 0 of template intro_catalog_offer is a CATALOG button: give \{index: 0, type: 'catalog'\}/,
      ],
      [
        'a multi-product template without its sections',
        { name: 'abandoned_cart', language: 'en_US' },
        { code: 'parameter_missing', parameter: 'template.buttons', buttonIndex: 0 },
        /MPM button: .*thumbnailProductRetailerId and sections/,
      ],
      [
        'a multi-product action on a catalog button',
        {
          name: 'intro_catalog_offer',
          language: 'en_US',
          bodyParameters: [{ type: 'text', text: '100' }],
          buttons: [
            {
              index: 0,
              type: 'mpm',
              thumbnailProductRetailerId: 'a',
              sections: [{ title: 'T', productRetailerIds: ['a'] }],
            },
          ],
        },
        { code: 'parameter_type', parameter: 'template.buttons[0]' },
        /CATALOG button: it takes a catalog parameter, not mpm/,
      ],
      [
        'a quick-reply payload on the URL button',
        { ...ORDER_SHIPPED, buttons: [{ index: 1, type: 'quick_reply', payload: 'P' }] },
        { code: 'parameter_type', parameter: 'template.buttons[0]' },
        /takes a url parameter, not quick_reply/,
      ],
    ];
    // Everything queued from here on is counted, whatever it belongs to: the refusals must add nothing.
    const [{ marker }] = await env.query<{ marker: Date }>('select clock_timestamp() as marker');
    const failures: string[] = [];
    for (const [what, template, body, message] of cases) {
      const r = await send(id, template);
      if (r.status !== 422) failures.push(`${what}: ${r.status} ${r.text}`);
      else {
        try {
          expect(r.body).toMatchObject(body);
          expect(r.body.message).toMatch(message);
        } catch (e) {
          failures.push(`${what}: ${(e as Error).message.split('\n')[0]} ${r.text}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await count(env, 'messages', `conversation_id = $1 and direction = 'out'`, [id])).toBe(0);
    // A good send afterwards is the marker: once it has reached the sandbox, it is the only one from this conversation.
    const ok = await send(id, ORDER_SHIPPED);
    expect(ok.status, ok.text).toBe(202);
    await sentRequest(ok.body.id);
    // Since the marker: one outbound message and one outbox job in all, both the good send's.
    const queued = await env.query<{ queue: string; message_id: string | null }>(
      `select queue, data->>'messageId' as message_id from outbox where created_at >= $1`,
      [marker],
    );
    expect(queued).toEqual([{ queue: 'outbound-messages', message_id: ok.body.id }]);
    const created = await env.query<{ id: string }>(
      `select id from messages where direction = 'out' and created_at >= $1`,
      [marker],
    );
    expect(created).toEqual([{ id: ok.body.id }]);
    const to = (
      await env.query<{ wa_id: string }>(
        'select k.wa_id from conversations c join contacts k on k.id = c.contact_id where c.id = $1',
        [id],
      )
    )[0].wa_id;
    expect(
      env.sandbox
        .sent(env.numbers.sales.phoneNumberId)
        .filter((s) => (s.request as { to?: string })?.to === to),
    ).toHaveLength(1);
  });

  it('the legacy bodyParameters form still sends', async () => {
    const id = await conversation();
    const r = await send(id, {
      name: 'order_shipped',
      language: 'es',
      bodyParameters: [{ type: 'text', text: 'Ana', parameterName: 'customer_name' }],
    });
    expect(r.status, r.text).toBe(202);
    expect((await sentRequest(r.body.id)).template).toEqual({
      name: 'order_shipped',
      language: { code: 'es' },
      components: [
        { type: 'body', parameters: [{ type: 'text', parameter_name: 'customer_name', text: 'Ana' }] },
      ],
    });
  });

  it('a customer who stopped marketing messages is refused MARKETING templates with 409; utility ones still go', async () => {
    const waId = '5511977799999';
    const id = await conversation(waId);
    const consent = () =>
      env.query<{ state: string }>('select state from marketing_consents where waba_id = $1 and wa_id = $2', [
        env.numbers.sales.wabaId,
        waId,
      ]);
    const welcome = {
      name: 'welcome_back',
      language: 'en_US',
      header: { type: 'text', text: 'Ana' },
      buttons: [{ index: 0, type: 'copy_code', couponCode: 'SAVE20' }],
    };
    // The customer taps "stop" in WhatsApp: Meta's user_preferences webhook.
    await env.sandbox.accountEvent('user_preferences', {
      phoneNumberId: env.numbers.sales.phoneNumberId,
      waId,
      value: 'stop',
    });
    await waitFor(async () => (await consent())[0]?.state === 'stopped', { what: 'marketing stop recorded' });
    const refused = await send(id, welcome);
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body).toMatchObject({ code: 'marketing_opt_out', optOut: { source: 'webhook' } });
    expect(refused.body.message).toMatch(/stopped marketing messages .* on \d{4}-\d{2}-\d{2}T/);
    expect(await count(env, 'messages', `conversation_id = $1 and direction = 'out'`, [id])).toBe(0);
    const utility = await send(id, {
      name: 'order_shipped',
      language: 'es',
      bodyParameters: [{ type: 'text', parameterName: 'customer_name', text: 'Ana' }],
    });
    expect(utility.status, utility.text).toBe(202);

    await env.sandbox.accountEvent('user_preferences', {
      phoneNumberId: env.numbers.sales.phoneNumberId,
      waId,
      value: 'resume',
    });
    await waitFor(async () => (await consent())[0]?.state !== 'stopped', {
      what: 'marketing resume recorded',
    });
    const resumed = await send(id, welcome);
    expect(resumed.status, resumed.text).toBe(202);
  });

  it('a WABA whose templates were never synced is refused with 409 saying how to sync them', async () => {
    // A number registered while Meta's template list failed: registered, its WABA never synced.
    const meta = await startSandbox({
      port: metaPort,
      numbers: [{ ...UNSYNCED, webhookUrl: `${env.url}/webhooks/whatsapp` }],
      templates: TEMPLATES,
    });
    try {
      meta.setGraphFaults([
        {
          method: 'GET',
          path: `${UNSYNCED.wabaId}/message_templates`,
          error: { code: 2, message: 'Service temporarily unavailable', httpStatus: 503 },
        },
      ]);
      const department = (
        await env.api().post('/api/departments').send({ key: 'unsynced', name: 'Unsynced' }).expect(201)
      ).body.id as string;
      const registered = await env
        .api()
        .post('/api/numbers')
        .send({ ...UNSYNCED, displayPhoneNumber: undefined, departmentId: department });
      expect(registered.status, registered.text).toBe(201);
      const numberId = registered.body.id as string;
      const waId = '5511977788888';
      await meta.customer(waId).withNumber(UNSYNCED.phoneNumberId).text('Olá');
      const id = await waitFor(
        async () =>
          (
            await env.query<{ id: string }>(
              `select c.id from conversations c join contacts k on k.id = c.contact_id where k.wa_id = $1`,
              [waId],
            )
          )[0]?.id,
        { what: 'conversation on the unsynced number' },
      );
      const refused = await send(id, ORDER_SHIPPED);
      expect(refused.status, refused.text).toBe(409);
      expect(refused.body.code).toBe('templates_not_synced');
      expect(refused.body.message).toContain(`POST /api/numbers/${numberId}/templates/sync`);
      expect(refused.body.message).toContain('Service temporarily unavailable');
      expect(await count(env, 'messages', `conversation_id = $1 and direction = 'out'`, [id])).toBe(0);

      meta.setGraphFaults([]);
      await env.api().post(`/api/numbers/${numberId}/templates/sync`).expect(200);
      const ok = await send(id, ORDER_SHIPPED);
      expect(ok.status, ok.text).toBe(202);
    } finally {
      await meta.close();
    }
  });
});
