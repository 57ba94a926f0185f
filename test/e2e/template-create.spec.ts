import { createTestEnvironment, freePort, TestEnvironment, waitFor } from '@switchboard/testing';
import { startSandbox } from '@switchboard/wa-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from './helpers';

interface TemplateBody {
  id: string;
  metaId: string;
  name: string;
  language: string;
  category: string;
  status: string;
  parameterFormat: string;
  components: unknown[];
}

/** A number "Meta" knows that the test registers itself, at the Graph address new numbers are given. */
const LATER = {
  phoneNumberId: '320000000000001',
  displayPhoneNumber: '15557790001',
  wabaId: '420000000000001',
  accessToken: 'template-create-access-token',
  appSecret: 'template-create-app-secret',
  verifyToken: 'template-create-verify-token',
};

const SHIPPED = {
  name: 'order_shipped_v2',
  language: 'pt_BR',
  category: 'UTILITY',
  parameterFormat: 'NAMED',
  components: [
    {
      type: 'BODY',
      text: 'Olá {{customer_name}}, seu pedido {{order_id}} foi enviado.',
      example: {
        body_text_named_params: [
          { param_name: 'customer_name', example: 'Ana' },
          { param_name: 'order_id', example: '8841' },
        ],
      },
    },
    { type: 'FOOTER', text: 'Loja Exemplo' },
  ],
};

const OTP_COPY = { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE' }] };

describe('creating templates through the API', () => {
  let env: TestEnvironment;
  let metaPort: number;
  const api = () => env.api();
  const listed = async (numberId: string, name: string) =>
    (await api().get(`/api/numbers/${numberId}/templates?name=${name}`).expect(200)).body
      .items as TemplateBody[];

  /** What Meta lists for the WABA (its template API, with the number's token). */
  const atMeta = async (name?: string) => {
    const n = env.numbers.sales;
    const res = await fetch(
      `${env.sandbox.url}/${env.sandbox.graphVersion}/${n.wabaId}/message_templates?limit=100${name ? `&name=${name}` : ''}`,
      { headers: { authorization: `Bearer ${n.accessToken}` } },
    );
    expect(res.status).toBe(200);
    return ((await res.json()) as { data: { id: string; name: string; language: string; status: string }[] })
      .data;
  };

  beforeAll(async () => {
    metaPort = await freePort();
    env = await createTestEnvironment({
      config: { whatsapp: { graphBaseUrl: `http://127.0.0.1:${metaPort}` } },
    });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('create, then approval by webhook, then a send; before approval the same send is 422 PENDING', async () => {
    const number = env.numbers.sales;
    const r = await api().post(`/api/numbers/${number.id}/templates`).send(SHIPPED);
    expect(r.status, r.text).toBe(201);
    const created = r.body as TemplateBody;
    expect(created).toMatchObject({
      name: 'order_shipped_v2',
      language: 'pt_BR',
      category: 'UTILITY',
      status: 'PENDING',
      parameterFormat: 'NAMED',
      components: SHIPPED.components,
    });
    expect(created.metaId).toMatch(/^\d+$/);
    // Meta has it as submitted, and it is listed here as stored.
    expect(await atMeta('order_shipped_v2')).toMatchObject([
      { id: created.metaId, status: 'PENDING', language: 'pt_BR' },
    ]);
    expect(await listed(number.id, 'order_shipped_v2')).toMatchObject([
      { id: created.id, status: 'PENDING' },
    ]);
    const audit = await env.query<{ details: Record<string, unknown> }>(
      `select details from audit_events where action = 'template.created' and target_id = $1`,
      [created.id],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].details).toMatchObject({
      name: 'order_shipped_v2',
      language: 'pt_BR',
      status: 'PENDING',
    });

    const waId = '5511977770001';
    await env.sandbox.customer(waId).withNumber(number.phoneNumberId).text('Olá');
    const conversationId = await waitFor(
      async () =>
        (
          await env.query<{ id: string }>(
            `select c.id from conversations c join contacts k on k.id = c.contact_id where k.wa_id = $1`,
            [waId],
          )
        )[0]?.id,
    );
    const send = () =>
      api()
        .post(`/api/conversations/${conversationId}/messages`)
        .send({
          type: 'template',
          template: {
            name: 'order_shipped_v2',
            language: 'pt_BR',
            bodyParameters: [
              { type: 'text', parameterName: 'customer_name', text: 'Ana' },
              { type: 'text', parameterName: 'order_id', text: '8841' },
            ],
          },
        });
    const early = await send();
    expect(early.status, early.text).toBe(422);
    expect(early.body).toMatchObject({ code: 'template_not_approved', status: 'PENDING' });

    // Meta's review arrives as a message_template_status_update webhook.
    await env.sandbox.accountEvent('message_template_status_update', {
      wabaId: number.wabaId,
      templateId: created.metaId,
      event: 'APPROVED',
    });
    await waitFor(async () => (await listed(number.id, 'order_shipped_v2'))[0]?.status === 'APPROVED', {
      what: 'template approved by webhook',
    });
    const ok = await send();
    expect(ok.status, ok.text).toBe(202);
    const wamid = await waitFor(
      async () =>
        (
          await env.query<{ wamid: string | null }>('select wamid from messages where id = $1', [ok.body.id])
        )[0]?.wamid,
      { what: 'template send accepted by Meta' },
    );
    expect(env.sandbox.sent().find((s) => s.wamid === wamid)?.request).toMatchObject({
      type: 'template',
      template: { name: 'order_shipped_v2', language: { code: 'pt_BR' } },
    });
  });

  it("creates AUTHENTICATION templates in Meta's shape (preset body, code expiry, OTP button) and sends a code", async () => {
    const number = env.numbers.sales;
    // Meta's authentication template: no body text (Meta's preset), expiry in the footer, one OTP button.
    const copyCode = {
      name: 'login_code',
      language: 'en_US',
      category: 'AUTHENTICATION',
      components: [
        { type: 'BODY', add_security_recommendation: true },
        { type: 'FOOTER', code_expiration_minutes: 5 },
        { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy code' }] },
      ],
    };
    const r = await api().post(`/api/numbers/${number.id}/templates`).send(copyCode);
    expect(r.status, r.text).toBe(201);
    const created = r.body as TemplateBody;
    expect(created).toMatchObject({ category: 'AUTHENTICATION', status: 'PENDING' });
    const [atSandbox] = (await atMeta('login_code')) as unknown as { components: unknown[] }[];
    expect(atSandbox.components).toEqual([
      { type: 'BODY', text: '*{{1}}* is your verification code. For your security, do not share this code.' },
      { type: 'FOOTER', text: 'This code expires in 5 minutes.' },
      { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy code' }] },
    ]);
    // One-tap and zero-tap name the Android apps the code is handed to.
    const apps = [{ package_name: 'com.example.luckyshrub', signature_hash: 'K8a/AINcGX7' }];
    for (const button of [
      { type: 'OTP', otp_type: 'ONE_TAP', autofill_text: 'Autofill', supported_apps: apps },
      { type: 'OTP', otp_type: 'ZERO_TAP', zero_tap_terms_accepted: true, supported_apps: apps },
    ]) {
      const tap = await api()
        .post(`/api/numbers/${number.id}/templates`)
        .send({
          ...copyCode,
          name: `login_code_${button.otp_type.toLowerCase()}`,
          components: [{ type: 'BODY' }, { type: 'BUTTONS', buttons: [button] }],
        });
      expect(tap.status, tap.text).toBe(201);
    }

    await env.sandbox.accountEvent('message_template_status_update', {
      wabaId: number.wabaId,
      templateId: created.metaId,
      event: 'APPROVED',
    });
    await waitFor(async () => (await listed(number.id, 'login_code'))[0]?.status === 'APPROVED', {
      what: 'authentication template approved by webhook',
    });
    const waId = '5511977770002';
    await env.sandbox.customer(waId).withNumber(number.phoneNumberId).text('Olá');
    const conversationId = await waitFor(
      async () =>
        (
          await env.query<{ id: string }>(
            `select c.id from conversations c join contacts k on k.id = c.contact_id where k.wa_id = $1`,
            [waId],
          )
        )[0]?.id,
    );
    // Meta's authentication send: the code as the body parameter and as the OTP button's URL parameter.
    const ok = await api()
      .post(`/api/conversations/${conversationId}/messages`)
      .send({
        type: 'template',
        template: {
          name: 'login_code',
          language: 'en_US',
          bodyParameters: [{ type: 'text', text: '482913' }],
          buttons: [{ index: 0, type: 'url', text: '482913' }],
        },
      });
    expect(ok.status, ok.text).toBe(202);
    const wamid = await waitFor(
      async () =>
        (
          await env.query<{ wamid: string | null }>('select wamid from messages where id = $1', [ok.body.id])
        )[0]?.wamid,
      { what: 'authentication send accepted by Meta' },
    );
    expect(env.sandbox.sent().find((s) => s.wamid === wamid)?.request).toMatchObject({
      template: {
        name: 'login_code',
        components: [
          { type: 'body', parameters: [{ type: 'text', text: '482913' }] },
          { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: '482913' }] },
        ],
      },
    });
  });

  it("Meta's refusal is 422 with Meta's code and subcode, and nothing is stored", async () => {
    const number = env.numbers.sales;
    // order_update (pt_BR) is one of the sandbox's seeded templates: same name and language → 100/2388024.
    const before = await count(env, 'message_templates');
    const audits = await count(env, 'audit_events', `action = 'template.created'`);
    const r = await api()
      .post(`/api/numbers/${number.id}/templates`)
      .send({ ...SHIPPED, name: 'order_update' });
    expect(r.status, r.text).toBe(422);
    expect(r.body).toMatchObject({ code: 'meta_rejected', meta: { code: 100, subcode: 2388024 } });
    expect(r.body.message).toMatch(/#100\/2388024/);
    expect(await count(env, 'message_templates')).toBe(before);
    expect(await count(env, 'audit_events', `action = 'template.created'`)).toBe(audits);
  });

  it('our own validation answers 400 naming the field, and Meta is not asked', async () => {
    const number = env.numbers.sales;
    const before = (await atMeta()).length;
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...SHIPPED, name: 'Order Shipped' }, /name/],
      [{ ...SHIPPED, language: 'portuguese' }, /language/],
      [{ ...SHIPPED, category: 'PROMOTION' }, /category/],
      [{ ...SHIPPED, components: [{ type: 'FOOTER', text: 'x' }] }, /components/],
      [{ ...SHIPPED, components: [{ type: 'HEADER', format: 'GIF' }, SHIPPED.components[0]] }, /components/],
      [{ ...SHIPPED, components: [{ type: 'BODY' }] }, /components\.0\.text/],
      [
        { ...SHIPPED, components: [{ type: 'BODY', text: 'Hi', add_security_recommendation: true }] },
        /components\.0\.add_security_recommendation.*only AUTHENTICATION/,
      ],
      [
        {
          ...SHIPPED,
          category: 'AUTHENTICATION',
          components: [
            { type: 'BODY', text: 'Your code is {{1}}' },
            { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE' }] },
          ],
        },
        /components\.0\.text.*preset text/,
      ],
      [{ ...SHIPPED, category: 'AUTHENTICATION', components: [{ type: 'BODY' }] }, /one OTP button/],
      [
        {
          ...SHIPPED,
          category: 'AUTHENTICATION',
          components: [{ type: 'BODY' }, { type: 'FOOTER', code_expiration_minutes: 91 }, OTP_COPY],
        },
        /components\.1\.code_expiration_minutes/,
      ],
      [
        {
          ...SHIPPED,
          category: 'AUTHENTICATION',
          components: [
            { type: 'BODY' },
            { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'ONE_TAP' }] },
          ],
        },
        /supported_apps.*ONE_TAP button needs supported_apps/,
      ],
      [
        {
          ...SHIPPED,
          category: 'AUTHENTICATION',
          components: [
            { type: 'BODY' },
            {
              type: 'BUTTONS',
              buttons: [
                {
                  type: 'OTP',
                  otp_type: 'ZERO_TAP',
                  supported_apps: [{ package_name: 'com.example.app', signature_hash: 'K8a/AINcGX7' }],
                },
              ],
            },
          ],
        },
        /zero_tap_terms_accepted/,
      ],
    ];
    for (const [body, field] of cases) {
      const r = await api().post(`/api/numbers/${number.id}/templates`).send(body);
      expect(r.status, r.text).toBe(400);
      expect(r.text).toMatch(field);
    }
    expect(await atMeta()).toHaveLength(before);
  });

  it("Meta failing (a 5xx) is 502 with Meta's code, and nothing is stored", async () => {
    const number = env.numbers.sales;
    env.sandbox.setGraphFaults([
      {
        method: 'POST',
        path: `${number.wabaId}/message_templates`,
        error: { code: 2, message: 'Service temporarily unavailable', httpStatus: 503 },
        times: 1,
      },
    ]);
    const before = await count(env, 'message_templates');
    const r = await api()
      .post(`/api/numbers/${number.id}/templates`)
      .send({ ...SHIPPED, name: 'order_shipped_v3' });
    expect(r.status, r.text).toBe(502);
    expect(r.body.meta).toMatchObject({ code: 2 });
    expect(await count(env, 'message_templates')).toBe(before);
    expect(await atMeta('order_shipped_v3')).toEqual([]);
  });

  it('Meta unreachable is 502, and nothing is stored', async () => {
    const meta = await startSandbox({
      port: metaPort,
      numbers: [{ ...LATER, webhookUrl: `${env.url}/webhooks/whatsapp` }],
    });
    let numberId: string;
    try {
      const department = (
        await api()
          .post('/api/departments')
          .send({ key: 'template-create', name: 'Template create' })
          .expect(201)
      ).body.id as string;
      const registered = await api().post('/api/numbers').send({
        phoneNumberId: LATER.phoneNumberId,
        wabaId: LATER.wabaId,
        departmentId: department,
        accessToken: LATER.accessToken,
        appSecret: LATER.appSecret,
        verifyToken: LATER.verifyToken,
      });
      expect(registered.status, registered.text).toBe(201);
      numberId = registered.body.id;
    } finally {
      await meta.close();
    }
    // Registration synced Meta's templates of this WABA; the failed creation adds none.
    const stored = await count(env, 'message_templates', 'waba_id = $1', [LATER.wabaId]);
    const r = await api().post(`/api/numbers/${numberId}/templates`).send(SHIPPED);
    expect(r.status, r.text).toBe(502);
    expect(r.text).not.toContain(LATER.accessToken);
    expect(await count(env, 'message_templates', 'waba_id = $1', [LATER.wabaId])).toBe(stored);
    expect(
      await count(env, 'message_templates', `name = 'order_shipped_v2' and waba_id = $1`, [LATER.wabaId]),
    ).toBe(0);
  });
});
