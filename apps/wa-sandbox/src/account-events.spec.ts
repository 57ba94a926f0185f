import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, TEST_NUMBER, type SandboxFixture } from './testing/sandbox-fixture';
import { hasValidSignature, type ReceivedWebhook } from './testing/webhook-receiver';

type Json = Record<string, unknown>;
const WABA = TEST_NUMBER.wabaId;
const PHONE = TEST_NUMBER.phoneNumberId;
const DISPLAY = TEST_NUMBER.displayPhoneNumber;
const TEMPLATE_ID = '1689556908129832';

let fx: SandboxFixture;
beforeAll(async () => {
  fx = await startFixture({
    templates: [
      {
        name: 'weekly_promo',
        language: 'pt_BR',
        status: 'APPROVED',
        category: 'MARKETING',
        components: [{ type: 'BODY', text: 'Ofertas da semana!' }],
      },
      {
        name: 'receipt',
        language: 'pt_BR',
        status: 'APPROVED',
        category: 'UTILITY',
        components: [{ type: 'BODY', text: 'Recibo.' }],
      },
      {
        id: TEMPLATE_ID,
        name: 'order_shipped',
        language: 'pt_BR',
        status: 'APPROVED',
        category: 'UTILITY',
        components: [
          { type: 'HEADER', format: 'TEXT', text: 'Pedido enviado' },
          { type: 'BODY', text: 'Seu pedido {{1}} foi enviado.' },
          {
            type: 'BUTTONS',
            buttons: [{ type: 'URL', text: 'Rastrear', url: 'https://t.example/{{1}}' }],
          },
        ],
      },
    ],
  });
});
afterAll(() => fx.close());

const sim = (path: string, body: unknown) => fx.control(path, body);

/** Triggers an event through the control API and returns the signed webhook that carried it. */
async function trigger(
  path: string,
  params: Json,
  field: string,
): Promise<{ hook: ReceivedWebhook; change: Json }> {
  const before = fx.receiver.received.length;
  const res = await sim(path, params);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  expect(res.json.deliveries).toEqual([expect.objectContaining({ status: 200 })]);
  // Status webhooks of earlier sends may interleave: take the first later hook carrying this field.
  const hooks = await fx.receiver.waitFor((r) => r.slice(before).some((h) => fieldOf(h) === field));
  const hook = hooks.slice(before).find((h) => fieldOf(h) === field) as ReceivedWebhook;
  expect(hasValidSignature(hook, TEST_NUMBER.appSecret)).toBe(true);
  const body = hook.body as { object: string; entry: Array<{ id: string; time: number; changes: Json[] }> };
  expect(body.object).toBe('whatsapp_business_account');
  expect(body.entry).toHaveLength(1);
  expect(body.entry[0]).toMatchObject({ id: WABA, time: expect.any(Number) });
  expect(body.entry[0].changes).toHaveLength(1);
  expect(body.entry[0].changes[0].field).toBe(field);
  return { hook, change: body.entry[0].changes[0].value as Json };
}

function fieldOf(hook: ReceivedWebhook): string | undefined {
  const body = hook.body as { entry?: Array<{ changes?: Array<{ field?: string }> }> };
  return body.entry?.[0]?.changes?.[0]?.field;
}
const accountHooks = () => fx.receiver.received.filter((h) => fieldOf(h) !== 'messages').length;

const phoneFields = async (fields: string) =>
  (await fx.graph(`/v24.0/${PHONE}?fields=${fields}`)).json as Json;
const template = async () =>
  ((await fx.graph(`/v24.0/${WABA}/message_templates?name=order_shipped`)).json as { data: Json[] }).data[0];

describe('account and template events (control API → signed webhook in Meta’s shape)', () => {
  it('phone_number_quality_update: quality FLAGGED, tier UPGRADE with old_limit; GET follows', async () => {
    const flagged = await trigger(
      '/_sim/events/phone_number_quality_update',
      { phoneNumberId: PHONE, qualityRating: 'RED' },
      'phone_number_quality_update',
    );
    expect(flagged.change).toEqual({
      display_phone_number: DISPLAY,
      event: 'FLAGGED',
      current_limit: 'TIER_1K',
      max_daily_conversations_per_business: 'TIER_1K',
    });
    const upgraded = await trigger(
      '/_sim/events/phone_number_quality_update',
      { phoneNumberId: PHONE, tier: 'TIER_10K' },
      'phone_number_quality_update',
    );
    expect(upgraded.change).toEqual({
      display_phone_number: DISPLAY,
      event: 'UPGRADE',
      old_limit: 'TIER_1K',
      current_limit: 'TIER_10K',
      max_daily_conversations_per_business: 'TIER_10K',
    });
    expect(await phoneFields('quality_rating,messaging_limit_tier')).toMatchObject({
      quality_rating: 'RED',
      messaging_limit_tier: 'TIER_10K',
    });
  });

  it('phone_number_name_update: decision and name status', async () => {
    const { change } = await trigger(
      '/_sim/events/phone_number_name_update',
      {
        phoneNumberId: PHONE,
        decision: 'REJECTED',
        requestedVerifiedName: 'Loja X',
        rejectionReason: 'NAME_FORMAT',
      },
      'phone_number_name_update',
    );
    expect(change).toEqual({
      display_phone_number: DISPLAY,
      decision: 'REJECTED',
      requested_verified_name: 'Loja X',
      rejection_reason: 'NAME_FORMAT',
    });
    expect(await phoneFields('name_status')).toMatchObject({ name_status: 'DECLINED' });
    await trigger(
      '/_sim/events/phone_number_name_update',
      { phoneNumberId: PHONE, decision: 'APPROVED', requestedVerifiedName: 'Loja Y' },
      'phone_number_name_update',
    );
    expect(await phoneFields('name_status,verified_name')).toMatchObject({
      name_status: 'APPROVED',
      verified_name: 'Loja Y',
    });
  });

  it('user_preferences: marketing stop and resume for a customer, with metadata and contacts', async () => {
    fx.sandbox.customer('5511987654321', { name: 'Ana' });
    for (const value of ['stop', 'resume'] as const) {
      const { change } = await trigger(
        '/_sim/events/user_preferences',
        { phoneNumberId: PHONE, waId: '5511987654321', value },
        'user_preferences',
      );
      expect(change).toEqual({
        messaging_product: 'whatsapp',
        metadata: { display_phone_number: DISPLAY, phone_number_id: PHONE },
        contacts: [{ profile: { name: 'Ana' }, wa_id: '5511987654321' }],
        user_preferences: [
          {
            wa_id: '5511987654321',
            detail: expect.any(String),
            category: 'marketing_messages',
            value,
            timestamp: expect.any(Number),
          },
        ],
      });
    }
  });

  it('after a stop, marketing templates fail asynchronously with 131050; utility ones and resumed customers do not', async () => {
    const waId = '5511900000001';
    const send = async (name: string) => {
      const res = await fx.graph(`/v24.0/${PHONE}/messages`, {
        body: {
          messaging_product: 'whatsapp',
          to: waId,
          type: 'template',
          template: { name, language: { code: 'pt_BR' } },
        },
      });
      expect(res.status).toBe(200);
      const wamid = (res.json as { messages: Array<{ id: string }> }).messages[0].id;
      const hooks = await fx.receiver.waitFor((r) =>
        r.some(
          (h) => /"status":"(failed|delivered)"/.test(h.raw.toString()) && h.raw.toString().includes(wamid),
        ),
      );
      const last = hooks.filter((h) => h.raw.toString().includes(wamid)).map((h) => h.raw.toString());
      return last.find((raw) => /"status":"(failed|delivered)"/.test(raw)) ?? '';
    };
    await trigger(
      '/_sim/events/user_preferences',
      { phoneNumberId: PHONE, waId, value: 'stop' },
      'user_preferences',
    );
    const refused = await send('weekly_promo');
    expect(refused).toContain('"status":"failed"');
    expect(refused).toContain('"code":131050');
    expect(await send('receipt')).toContain('"status":"delivered"');
    await trigger(
      '/_sim/events/user_preferences',
      { phoneNumberId: PHONE, waId, value: 'resume' },
      'user_preferences',
    );
    expect(await send('weekly_promo')).toContain('"status":"delivered"');
  });

  it('security, account_update, account_alerts, business_capability_update', async () => {
    expect(
      (await trigger('/_sim/events/security', { phoneNumberId: PHONE, event: 'PIN_CHANGED' }, 'security'))
        .change,
    ).toEqual({ display_phone_number: DISPLAY, event: 'PIN_CHANGED' });
    expect(
      (
        await trigger(
          '/_sim/events/account_update',
          {
            wabaId: WABA,
            event: 'DISABLED_UPDATE',
            phoneNumber: DISPLAY,
            details: { ban_info: { waba_ban_state: ['DISABLE'], waba_ban_date: '2026-11-29' } },
          },
          'account_update',
        )
      ).change,
    ).toEqual({
      phone_number: DISPLAY,
      event: 'DISABLED_UPDATE',
      ban_info: { waba_ban_state: ['DISABLE'], waba_ban_date: '2026-11-29' },
    });
    expect(
      (
        await trigger(
          '/_sim/events/account_alerts',
          {
            wabaId: WABA,
            alertSeverity: 'WARNING',
            alertType: 'INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED',
            alertDescription: 'More information is needed.',
          },
          'account_alerts',
        )
      ).change,
    ).toEqual({
      entity_type: 'WABA',
      entity_id: WABA,
      alert_info: {
        alert_severity: 'WARNING',
        alert_status: 'ACTIVE',
        alert_type: 'INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED',
        alert_description: 'More information is needed.',
      },
    });
    expect(
      (
        await trigger(
          '/_sim/events/business_capability_update',
          { wabaId: WABA, maxDailyConversationsPerBusiness: -1, maxPhoneNumbersPerBusiness: 20 },
          'business_capability_update',
        )
      ).change,
    ).toEqual({ max_daily_conversations_per_business: -1, max_phone_numbers_per_business: 20 });
  });

  it('template quality, category and components updates change the stored template', async () => {
    const key = {
      message_template_id: Number(TEMPLATE_ID),
      message_template_name: 'order_shipped',
      message_template_language: 'pt_BR',
    };
    const ref = { wabaId: WABA, templateId: TEMPLATE_ID };
    const quality = await trigger(
      '/_sim/events/message_template_quality_update',
      { ...ref, newQualityScore: 'YELLOW' },
      'message_template_quality_update',
    );
    expect(quality.change).toEqual({
      previous_quality_score: 'UNKNOWN',
      new_quality_score: 'YELLOW',
      ...key,
    });
    const category = await trigger(
      '/_sim/events/template_category_update',
      { ...ref, newCategory: 'MARKETING' },
      'template_category_update',
    );
    expect(category.change).toEqual({ ...key, previous_category: 'UTILITY', new_category: 'MARKETING' });
    const components = await trigger(
      '/_sim/events/message_template_components_update',
      { ...ref, bodyText: 'Pedido {{1}} a caminho.', footerText: 'Loja X' },
      'message_template_components_update',
    );
    expect(components.change).toEqual({
      ...key,
      message_template_title: 'Pedido enviado',
      message_template_element: 'Pedido {{1}} a caminho.',
      message_template_buttons: [
        {
          message_template_button_type: 'URL',
          message_template_button_text: 'Rastrear',
          message_template_button_url: 'https://t.example/{{1}}',
        },
      ],
      message_template_footer: 'Loja X',
    });
    expect(await template()).toMatchObject({
      category: 'MARKETING',
      quality_score: { score: 'YELLOW' },
      components: expect.arrayContaining([{ type: 'BODY', text: 'Pedido {{1}} a caminho.' }]),
    });
  });

  it('any field with any value (fields the project has not seen)', async () => {
    const value = { some_new_thing: { a: 1 }, note: 'ü' };
    const { change, hook } = await trigger(
      '/_sim/events',
      { field: 'partner_solutions', wabaId: WABA, value },
      'partner_solutions',
    );
    expect(change).toEqual(value);
    expect(hook.raw.toString()).toContain('\\u00fc');
  });

  it('bad input: 400 naming the field; unknown number/WABA/template: 404; nothing is sent', async () => {
    const before = accountHooks();
    const bad = await sim('/_sim/events/phone_number_quality_update', {
      phoneNumberId: PHONE,
      qualityRating: 'BLUE',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.issues).toEqual([expect.objectContaining({ field: 'qualityRating' })]);
    const noWaId = await sim('/_sim/events/user_preferences', { phoneNumberId: PHONE, value: 'stop' });
    expect(noWaId.json.issues).toEqual([expect.objectContaining({ field: 'waId' })]);
    expect((await sim('/_sim/events/security', { phoneNumberId: '42', event: 'PIN_CHANGED' })).status).toBe(
      404,
    );
    expect(
      (
        await sim('/_sim/events/message_template_status_update', {
          wabaId: WABA,
          templateId: '1',
          event: 'APPROVED',
        })
      ).status,
    ).toBe(404);
    expect((await sim('/_sim/events', { field: 'x', wabaId: '999', value: {} })).status).toBe(404);
    expect((await sim('/_sim/events', { field: 'Bad Field', wabaId: WABA, value: {} })).status).toBe(400);
    expect((await sim('/_sim/events/not_a_field', {})).status).toBe(404);
    expect(await phoneFields('quality_rating')).toMatchObject({ quality_rating: 'RED' });
    // A later event is the marker that nothing was delivered for the rejected ones.
    await trigger('/_sim/events/security', { phoneNumberId: PHONE, event: 'PIN_RESET_REQUEST' }, 'security');
    expect(accountHooks()).toBe(before + 1);
  });

  it('the handle exposes the same events to tests in other packages', async () => {
    const result = await fx.sandbox.accountEvent('phone_number_quality_update', {
      phoneNumberId: PHONE,
      qualityRating: 'GREEN',
    });
    expect(result).toMatchObject({ field: 'phone_number_quality_update', value: { event: 'UNFLAGGED' } });
    await expect(fx.sandbox.accountEvent('security', { phoneNumberId: '42', event: 'X' })).rejects.toThrow(
      /42/,
    );
  });
});
