import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, TEST_NUMBER, type SandboxFixture } from './testing/sandbox-fixture';
import { hasValidSignature, type ReceivedWebhook } from './testing/webhook-receiver';

type Json = Record<string, unknown>;
const errorOf = (json: unknown) => (json as { error: Json }).error;
const TEMPLATES = `/v24.0/${TEST_NUMBER.wabaId}/message_templates`;
const MESSAGES = `/v24.0/${TEST_NUMBER.phoneNumberId}/messages`;

let fx: SandboxFixture;
beforeAll(async () => {
  fx = await startFixture({
    templates: Array.from({ length: 5 }, (_, i) => ({
      name: `seed_${i}`,
      language: 'en_US',
      status: 'APPROVED' as const,
      category: 'UTILITY' as const,
      components: [{ type: 'BODY' as const, text: `Seed ${i}` }],
    })),
  });
});
afterAll(() => fx.close());

const create = (body: unknown) => fx.graph(TEMPLATES, { body });
const sendTemplate = (name: string, params: string[]) =>
  fx.graph(MESSAGES, {
    body: {
      messaging_product: 'whatsapp',
      to: '5511987654321',
      type: 'template',
      template: {
        name,
        language: { code: 'pt_BR' },
        components: [{ type: 'body', parameters: params.map((text) => ({ type: 'text', text })) }],
      },
    },
  });
const review = (templateId: string, event: string, reason?: string) =>
  fetch(`${fx.sandbox.url}/_sim/events/message_template_status_update`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ wabaId: TEST_NUMBER.wabaId, templateId, event, reason }),
  });
const statusHook = (templateId: string) => (hooks: ReceivedWebhook[]) =>
  hooks.find((h) => JSON.stringify(h.body).includes(`"message_template_id":${templateId}`));

describe('GET /{waba-id}/message_templates paging', () => {
  it('walks every page with after cursors; next only while more remain; previous goes back', async () => {
    const names: string[] = [];
    let url: string | undefined = `${TEMPLATES}?limit=2`;
    let pages = 0;
    let last:
      | { paging: { cursors: { before: string; after: string }; next?: string; previous?: string } }
      | undefined;
    while (url) {
      const res = await fx.graph(url);
      expect(res.status).toBe(200);
      const json = res.json as { data: Json[] } & NonNullable<typeof last>;
      names.push(...json.data.map((t) => String(t.name)));
      expect(json.paging.cursors).toEqual({ before: expect.any(String), after: expect.any(String) });
      url = json.paging.next?.replace(fx.sandbox.url, '');
      last = json;
      pages += 1;
    }
    expect(names).toEqual(['seed_0', 'seed_1', 'seed_2', 'seed_3', 'seed_4']);
    expect(pages).toBe(3);
    expect(last?.paging.next).toBeUndefined();
    const back = await fx.graph(last?.paging.previous?.replace(fx.sandbox.url, '') ?? '');
    expect((back.json as { data: Json[] }).data.map((t) => t.name)).toEqual(['seed_2', 'seed_3']);
    const first = await fx.graph(`${TEMPLATES}?limit=2`);
    expect((first.json as { paging: Json }).paging.previous).toBeUndefined();
  });

  it('returns Meta’s fields for each template', async () => {
    const res = await fx.graph(`${TEMPLATES}?name=seed_0`);
    expect((res.json as { data: Json[] }).data[0]).toEqual({
      name: 'seed_0',
      parameter_format: 'POSITIONAL',
      components: [{ type: 'BODY', text: 'Seed 0' }],
      language: 'en_US',
      status: 'APPROVED',
      category: 'UTILITY',
      quality_score: { score: 'UNKNOWN', date: expect.any(Number) },
      id: expect.stringMatching(/^\d{16}$/),
    });
  });
});

describe('POST /{waba-id}/message_templates and review', () => {
  const valid = {
    name: 'order_ready',
    language: 'pt_BR',
    category: 'UTILITY',
    components: [{ type: 'BODY', text: 'Olá {{1}}, seu pedido {{2}} está pronto.' }],
  };

  it('creates PENDING; cannot be sent (132001) until approved; approval sends a signed status webhook', async () => {
    const created = await create(valid);
    expect(created.status).toBe(200);
    const { id } = created.json as { id: string };
    expect(created.json).toEqual({
      id: expect.stringMatching(/^\d+$/),
      status: 'PENDING',
      category: 'UTILITY',
    });
    const listed = await fx.graph(`${TEMPLATES}?name=order_ready`);
    expect((listed.json as { data: Json[] }).data[0]).toMatchObject({ id, status: 'PENDING' });

    const pending = await sendTemplate('order_ready', ['Ana', '42']);
    expect(pending.status).toBe(400);
    expect(errorOf(pending.json)).toMatchObject({ code: 132001 });

    expect((await review(id, 'APPROVED')).status).toBe(200);
    const [hook] = (await fx.receiver.waitFor((h) => statusHook(id)(h) !== undefined)).filter(
      (h) => statusHook(id)([h]) !== undefined,
    );
    expect(hasValidSignature(hook, TEST_NUMBER.appSecret)).toBe(true);
    expect(hook.body).toEqual({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: TEST_NUMBER.wabaId,
          time: expect.any(Number),
          changes: [
            {
              value: {
                event: 'APPROVED',
                message_template_id: Number(id),
                message_template_name: 'order_ready',
                message_template_language: 'pt_BR',
                reason: 'NONE',
                message_template_category: 'UTILITY',
              },
              field: 'message_template_status_update',
            },
          ],
        },
      ],
    });
    expect((await sendTemplate('order_ready', ['Ana', '42'])).status).toBe(200);
  });

  it('rejection: status REJECTED with its reason, and sends stay refused', async () => {
    const created = await create({ ...valid, name: 'flash_sale', category: 'MARKETING' });
    const { id } = created.json as { id: string };
    await review(id, 'REJECTED', 'INCORRECT_CATEGORY');
    const hooks = await fx.receiver.waitFor((h) => statusHook(id)(h) !== undefined);
    expect(JSON.stringify(statusHook(id)(hooks)?.body)).toContain('"reason":"INCORRECT_CATEGORY"');
    const listed = await fx.graph(`${TEMPLATES}?name=flash_sale`);
    expect((listed.json as { data: Json[] }).data[0]).toMatchObject({ status: 'REJECTED' });
    expect(errorOf((await sendTemplate('flash_sale', ['Ana', '42'])).json).code).toBe(132001);
  });

  it('validation errors carry Meta’s codes and create nothing', async () => {
    const duplicate = await create({ ...valid, name: 'seed_0', language: 'en_US' });
    expect(duplicate.status).toBe(400);
    expect(errorOf(duplicate.json)).toMatchObject({
      code: 100,
      error_subcode: 2388024,
      type: 'OAuthException',
      error_user_title: 'Content in This Language Already Exists',
    });
    const cases: Array<[Json, RegExp]> = [
      [{ ...valid, name: 'Order Ready!' }, /Param name must/],
      [{ ...valid, name: undefined }, /The parameter name is required/],
      [{ ...valid, name: 'x_components', components: undefined }, /The parameter components is required/],
      [{ ...valid, name: 'x_empty', components: [] }, /components must be a non-empty array/],
      [{ ...valid, name: 'x_nobody', components: [{ type: 'FOOTER', text: 'f' }] }, /BODY/],
      [{ ...valid, name: 'x_category', category: 'PROMOTIONAL' }, /Param category must be one of/],
      [{ ...valid, name: 'x_language', language: undefined }, /The parameter language is required/],
    ];
    for (const [body, message] of cases) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(errorOf(res.json)).toMatchObject({ code: 100, message: expect.stringMatching(message) });
    }
    const all = await fx.graph(`${TEMPLATES}?limit=100`);
    const names = (all.json as { data: Json[] }).data.map((t) => String(t.name));
    expect(names.filter((n) => n.startsWith('x_') || n === 'Order Ready!')).toEqual([]);
    expect(names.filter((n) => n === 'seed_0')).toHaveLength(1);
  });

  it('the same name in another language is allowed; a wrong token is 190', async () => {
    const en = await create({ ...valid, language: 'en_US' });
    expect(en.status).toBe(200);
    const wrong = await fx.graph(TEMPLATES, { body: { ...valid, name: 'other' }, token: 'EAAG-bad' });
    expect(errorOf(wrong.json)).toMatchObject({ code: 190 });
  });
});
