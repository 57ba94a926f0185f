import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { signBody } from '@switchboard/wa-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from './helpers';

/**
 * Account and template webhook fields, each in the shapes Meta documents for it (written by hand from Meta's
 * webhook reference), delivered signed and checked through the API: what each names changes, and anything else is
 * kept visible on its delivery as not handled.
 */
interface EventView {
  id: string;
  status: string;
  attempts: number;
  failures: { path: string; reason: string }[];
  unhandled: { path: string; field: string; reason: string }[];
}
interface TemplateBody {
  id: string;
  metaId: string;
  name: string;
  language: string;
  category: string;
  status: string;
  qualityScore: string | null;
  components: { type: string; text?: string; buttons?: Record<string, unknown>[] }[];
  statusDetail: Record<string, unknown> | null;
  statusChangedAt: string | null;
  deletedAt: string | null;
}
interface AccountEventBody {
  inboundEventId: string;
  field: string;
  outcome: string;
  templateId: string | null;
  occurredAt: string | null;
  receivedAt: string;
  detail: Record<string, unknown>;
}
interface NumberEventBody {
  kind: string;
  detail: Record<string, unknown>;
}

describe('account and template events', () => {
  let env: TestEnvironment;
  const api = () => env.api();
  /** Meta's entry[].time: distinct and increasing, so every delivery body is unique and in order. */
  let clock = Math.floor(Date.now() / 1000) - 10_000;
  const tick = () => ++clock;

  const envelope = (wabaId: string, field: string, value: unknown, time: number = tick()) => ({
    object: 'whatsapp_business_account',
    entry: [{ id: wabaId, time, changes: [{ value, field }] }],
  });

  /** Posts the body signed with `appSecret`, waits until it is processed and returns the delivery as the API shows it. */
  const deliver = async (body: unknown, appSecret = env.numbers.sales.appSecret): Promise<EventView> => {
    const raw = JSON.stringify(body);
    await env
      .anonymous()
      .post('/webhooks/whatsapp')
      .set('Content-Type', 'application/json')
      .set('X-Hub-Signature-256', signBody(raw, appSecret))
      .send(raw)
      .expect(200);
    const id = await waitFor(
      async () =>
        (
          await env.query<{ id: string }>(
            `select id from inbound_events where raw_body = $1 and status not in ('pending')`,
            [raw],
          )
        )[0]?.id,
      { what: 'the delivery processed' },
    );
    const r = await api().get(`/api/inbound-events/${id}`);
    expect(r.status, r.text).toBe(200);
    return r.body as EventView;
  };

  const templates = async (numberId = env.numbers.sales.id) => {
    const r = await api().get(`/api/numbers/${numberId}/templates`);
    expect(r.status, r.text).toBe(200);
    return r.body.items as TemplateBody[];
  };
  const template = async (name: string, language: string, numberId = env.numbers.sales.id) => {
    const t = (await templates(numberId)).find((x) => x.name === name && x.language === language);
    if (!t) throw new Error(`template ${name}/${language} not listed`);
    return t;
  };
  const number = async (id = env.numbers.sales.id) => {
    const r = await api().get(`/api/numbers/${id}`);
    expect(r.status, r.text).toBe(200);
    return r.body as Record<string, unknown>;
  };
  const numberEvents = async (id = env.numbers.sales.id) => {
    const r = await api().get(`/api/numbers/${id}/events`);
    expect(r.status, r.text).toBe(200);
    return r.body.items as NumberEventBody[];
  };
  const accountEvents = async (id = env.numbers.sales.id, query = '') => {
    const r = await api().get(`/api/numbers/${id}/account-events${query}`);
    expect(r.status, r.text).toBe(200);
    return r.body.items as AccountEventBody[];
  };
  const accountEventOf = async (eventId: string, id = env.numbers.sales.id) => {
    const found = (await accountEvents(id)).filter((e) => e.inboundEventId === eventId);
    expect(found).toHaveLength(1);
    return found[0];
  };
  const processedCleanly = (e: EventView) => {
    expect(e.status).toBe('processed');
    expect(e.failures).toEqual([]);
    expect(e.unhandled).toEqual([]);
  };

  beforeAll(async () => {
    env = await createTestEnvironment();
  });
  afterAll(async () => {
    await env?.close();
  });

  describe('message_template_status_update', () => {
    /** [template, Meta's value (without the template key), status after, what else to check]. */
    const cases: {
      what: string;
      name: string;
      language: string;
      value: Record<string, unknown>;
      status: string;
      detail?: Record<string, unknown>;
    }[] = [
      {
        what: 'PAUSED with other_info (first pause)',
        name: 'hello_world',
        language: 'en_US',
        value: {
          event: 'PAUSED',
          reason: 'NONE',
          message_template_category: 'UTILITY',
          other_info: {
            title: 'FIRST_PAUSE',
            description:
              'Your WhatsApp message template has been paused for 3 hours until Nov 30 at 1:00 AM UTC because it had issues.',
          },
        },
        status: 'PAUSED',
        detail: { other_info: { title: 'FIRST_PAUSE' } },
      },
      {
        what: 'APPROVED again with other_info UNPAUSE',
        name: 'hello_world',
        language: 'en_US',
        value: {
          event: 'APPROVED',
          reason: 'NONE',
          message_template_category: 'UTILITY',
          other_info: { title: 'UNPAUSE', description: 'Your WhatsApp message template has been unpaused.' },
        },
        status: 'APPROVED',
      },
      {
        what: 'FLAGGED (at risk, still sendable)',
        name: 'hello_world',
        language: 'en_US',
        value: { event: 'FLAGGED', reason: 'NONE', message_template_category: 'UTILITY' },
        status: 'APPROVED',
        detail: { event: 'FLAGGED' },
      },
      {
        what: 'DISABLED with disable_info',
        name: 'hello_world',
        language: 'en_US',
        value: {
          event: 'DISABLED',
          reason: 'NONE',
          message_template_category: 'UTILITY',
          disable_info: { disable_date: 1751234563 },
        },
        status: 'DISABLED',
        detail: { disable_info: { disable_date: 1751234563 } },
      },
      {
        what: 'REINSTATED',
        name: 'hello_world',
        language: 'en_US',
        value: { event: 'REINSTATED', reason: 'NONE', message_template_category: 'UTILITY' },
        status: 'APPROVED',
      },
      {
        what: 'IN_APPEAL',
        name: 'order_update',
        language: 'pt_BR',
        value: { event: 'IN_APPEAL', reason: 'NONE' },
        status: 'IN_APPEAL',
      },
      {
        what: 'REJECTED with INVALID_FORMAT and rejection_info',
        name: 'order_update',
        language: 'en_US',
        value: {
          event: 'REJECTED',
          reason: 'INVALID_FORMAT',
          message_template_category: 'UTILITY',
          rejection_info: {
            reason: 'Variable parameters are missing or have mismatched curly braces.',
            recommendation: 'Check that every variable is written as {{1}}, {{2}} and so on.',
          },
        },
        status: 'REJECTED',
        detail: {
          reason: 'INVALID_FORMAT',
          rejection_info: { recommendation: expect.stringContaining('{{1}}') },
        },
      },
      {
        what: 'REJECTED for another reason (no rejection_info)',
        name: 'order_update',
        language: 'pt_BR',
        value: { event: 'REJECTED', reason: 'TAG_CONTENT_MISMATCH', message_template_category: 'UTILITY' },
        status: 'REJECTED',
        detail: { reason: 'TAG_CONTENT_MISMATCH' },
      },
      {
        what: 'PENDING_DELETION (reason null)',
        name: 'order_update',
        language: 'en_US',
        value: { event: 'PENDING_DELETION', reason: null },
        status: 'PENDING_DELETION',
      },
      {
        what: 'LIMIT_EXCEEDED',
        name: 'order_update',
        language: 'pt_BR',
        value: { event: 'LIMIT_EXCEEDED', reason: 'NONE' },
        status: 'LIMIT_EXCEEDED',
      },
      {
        what: 'ARCHIVED',
        name: 'promo_paused',
        language: 'en_US',
        value: { event: 'ARCHIVED', reason: 'NONE', message_template_category: 'MARKETING' },
        status: 'ARCHIVED',
      },
      {
        what: 'LOCKED (keeps its status)',
        name: 'promo_paused',
        language: 'en_US',
        value: {
          event: 'LOCKED',
          reason: 'NONE',
          other_info: { title: 'LOCKED', description: 'Your template has been locked.' },
        },
        status: 'ARCHIVED',
      },
      {
        what: 'PENDING (in review)',
        name: 'promo_paused',
        language: 'en_US',
        value: { event: 'PENDING', reason: 'NONE', message_template_category: 'MARKETING' },
        status: 'PENDING',
      },
      {
        what: 'DELETED',
        name: 'order_update',
        language: 'en_US',
        value: { event: 'DELETED', reason: 'NONE' },
        status: 'DELETED',
      },
    ];

    for (const c of cases)
      it(`${c.what}: ${c.name}/${c.language} becomes ${c.status}`, async () => {
        const before = await template(c.name, c.language);
        const time = tick();
        const event = await deliver(
          envelope(
            env.numbers.sales.wabaId,
            'message_template_status_update',
            {
              ...c.value,
              message_template_id: Number(before.metaId),
              message_template_name: c.name,
              message_template_language: c.language,
            },
            time,
          ),
        );
        processedCleanly(event);
        const after = await template(c.name, c.language);
        expect(after.status).toBe(c.status);
        const recorded = await accountEventOf(event.id);
        expect(recorded).toMatchObject({
          field: 'message_template_status_update',
          outcome: 'applied',
          templateId: before.id,
          occurredAt: new Date(time * 1000).toISOString(),
        });
        // Meta's reason and details are on the template itself and on its account event.
        expect(after.statusChangedAt).toBe(new Date(time * 1000).toISOString());
        expect(after.statusDetail).toMatchObject({ event: c.value.event, ...(c.detail ?? {}) });
        if (c.detail) expect(recorded.detail.statusDetail).toMatchObject(c.detail);
        if (c.status === 'DELETED') expect(after.deletedAt).not.toBeNull();
      });

    it('an older status change arriving after a newer one is recorded but not applied', async () => {
      const t = await template('hello_world', 'en_US');
      const key = {
        message_template_id: Number(t.metaId),
        message_template_name: t.name,
        message_template_language: t.language,
      };
      const newer = tick() + 100;
      processedCleanly(
        await deliver(
          envelope(
            env.numbers.sales.wabaId,
            'message_template_status_update',
            { event: 'PAUSED', reason: 'NONE', ...key },
            newer,
          ),
        ),
      );
      const late = await deliver(
        envelope(
          env.numbers.sales.wabaId,
          'message_template_status_update',
          { event: 'APPROVED', reason: 'NONE', ...key },
          newer - 50,
        ),
      );
      processedCleanly(late);
      expect((await template('hello_world', 'en_US')).status).toBe('PAUSED');
      expect((await accountEventOf(late.id)).outcome).toBe('stale');
      clock = newer;
    });

    it('a template whose id Meta changed is found by name and language', async () => {
      const event = await deliver(
        envelope(env.numbers.sales.wabaId, 'message_template_status_update', {
          event: 'APPROVED',
          reason: 'NONE',
          message_template_id: 999_000_000_000_001,
          message_template_name: 'order_update',
          message_template_language: 'pt_BR',
        }),
      );
      processedCleanly(event);
      expect((await template('order_update', 'pt_BR')).status).toBe('APPROVED');
    });
  });

  describe('other template fields', () => {
    it('message_template_quality_update sets the quality score', async () => {
      const t = await template('hello_world', 'en_US');
      const event = await deliver(
        envelope(env.numbers.sales.wabaId, 'message_template_quality_update', {
          previous_quality_score: 'GREEN',
          new_quality_score: 'YELLOW',
          message_template_id: Number(t.metaId),
          message_template_name: t.name,
          message_template_language: t.language,
        }),
      );
      processedCleanly(event);
      expect((await template('hello_world', 'en_US')).qualityScore).toBe('YELLOW');
      expect((await accountEventOf(event.id)).detail).toMatchObject({ qualityScore: 'YELLOW' });
    });

    it('template_category_update with new_category changes the category; an impending one (correct_category, new_category = the current one) does not yet', async () => {
      const t = await template('order_update', 'pt_BR');
      const key = {
        message_template_id: Number(t.metaId),
        message_template_name: t.name,
        message_template_language: t.language,
      };
      const impending = await deliver(
        envelope(env.numbers.sales.wabaId, 'template_category_update', {
          ...key,
          correct_category: 'MARKETING',
          new_category: 'UTILITY',
          category_update_timestamp: 1767312000,
        }),
      );
      processedCleanly(impending);
      expect((await template('order_update', 'pt_BR')).category).toBe('UTILITY');
      expect((await accountEventOf(impending.id)).detail).toMatchObject({
        impending: true,
        correctCategory: 'MARKETING',
        categoryUpdateAt: new Date(1767312000 * 1000).toISOString(),
      });

      const changed = await deliver(
        envelope(env.numbers.sales.wabaId, 'template_category_update', {
          ...key,
          previous_category: 'UTILITY',
          new_category: 'MARKETING',
        }),
      );
      processedCleanly(changed);
      expect((await template('order_update', 'pt_BR')).category).toBe('MARKETING');
    });

    it('message_template_components_update replaces body, header, footer and link buttons as Meta sends them', async () => {
      const t = await template('hello_world', 'en_US');
      const event = await deliver(
        envelope(env.numbers.sales.wabaId, 'message_template_components_update', {
          message_template_id: Number(t.metaId),
          message_template_name: t.name,
          message_template_language: t.language,
          message_template_element: 'Hello {{1}}, your order is on its way.',
          message_template_title: 'Good news',
          message_template_footer: 'Reply STOP to opt out',
          message_template_buttons: [
            {
              message_template_button_type: 'URL',
              message_template_button_text: 'Track it',
              message_template_button_url: 'https://shop.example.com/track/{{1}}',
            },
          ],
        }),
      );
      processedCleanly(event);
      const after = await template('hello_world', 'en_US');
      expect(after.components.find((c) => c.type === 'BODY')?.text).toBe(
        'Hello {{1}}, your order is on its way.',
      );
      expect(after.components.find((c) => c.type === 'HEADER')?.text).toBe('Good news');
      expect(after.components.find((c) => c.type === 'FOOTER')?.text).toBe('Reply STOP to opt out');
      expect(after.components.find((c) => c.type === 'BUTTONS')?.buttons).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            type: 'URL',
            text: 'Track it',
            url: 'https://shop.example.com/track/{{1}}',
          }),
        ]),
      );
    });

    it('a template Switchboard never saw (made in Meta’s UI) re-syncs the WABA’s templates through the sandbox', async () => {
      const n = env.numbers.support;
      // Created at "Meta" directly, not through Switchboard.
      const created = await fetch(
        `${env.sandbox.url}/${env.sandbox.graphVersion}/${n.wabaId}/message_templates`,
        {
          method: 'POST',
          headers: { Authorization: `Bearer ${n.accessToken}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({
            name: 'made_in_ui',
            language: 'en_US',
            category: 'UTILITY',
            components: [{ type: 'BODY', text: 'Made in the UI' }],
          }),
        },
      );
      expect(created.status, await created.clone().text()).toBe(200);
      const { id } = (await created.json()) as { id: string };
      expect((await templates(n.id)).some((t) => t.name === 'made_in_ui')).toBe(false);
      // Meta approves it: the webhook comes from the sandbox, as Meta sends it.
      await env.sandbox.accountEvent('message_template_status_update', {
        wabaId: n.wabaId,
        templateId: id,
        event: 'APPROVED',
      });
      const found = await waitFor(async () => (await templates(n.id)).find((t) => t.name === 'made_in_ui'), {
        what: 'the re-synced template',
      });
      expect(found).toMatchObject({ metaId: id, status: 'APPROVED', category: 'UTILITY' });
      const recorded = (await accountEvents(n.id, '?field=message_template_status_update'))[0];
      expect(recorded.outcome).toBe('unknown_template');
    });
  });

  describe('number fields', () => {
    const display = () => env.numbers.sales.displayPhoneNumber;

    /** What Meta's GET /{phone-number-id} answers as quality_rating from now on (no webhook). */
    const setMetaRating = async (phoneNumberId: string, qualityRating: string) => {
      const r = await fetch(`${env.sandbox.url}/_sim/numbers/${phoneNumberId}/profile`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ qualityRating }),
      });
      expect(r.status, await r.clone().text()).toBe(200);
    };
    const qualityPoints = async (id = env.numbers.sales.id) =>
      (await numberEvents(id)).filter((e) => e.kind === 'quality_changed');
    /** The quality point a Graph re-read adds (no Meta event named it), after `before` points. */
    const rereadPoint = async (before: number, id = env.numbers.sales.id) =>
      waitFor(
        async () => {
          const points = await qualityPoints(id);
          const read = points.slice(before).find((p) => p.detail.metaEvent === null);
          return read?.detail;
        },
        { what: 'the re-read quality rating on the history' },
      );

    it('phone_number_quality_update: tier events keep the rating; FLAGGED and UNFLAGGED re-read it from Graph', async () => {
      // Meta sends no rating with FLAGGED / UNFLAGGED: what GET /{phone-number-id} then reports is stored. YELLOW
      // for both, which no FLAGGED→RED / UNFLAGGED→GREEN mapping would produce.
      const steps: { value: Record<string, unknown>; metaRating?: string; rating: string; tier: string }[] = [
        {
          value: {
            display_phone_number: display(),
            event: 'FLAGGED',
            current_limit: 'TIER_1K',
            max_daily_conversations_per_business: 'TIER_1K',
          },
          metaRating: 'YELLOW',
          rating: 'YELLOW',
          tier: 'TIER_1K',
        },
        {
          value: {
            display_phone_number: display(),
            event: 'UPGRADE',
            old_limit: 'TIER_1K',
            current_limit: 'TIER_10K',
            max_daily_conversations_per_business: 'TIER_10K',
          },
          rating: 'YELLOW',
          tier: 'TIER_10K',
        },
        {
          value: { display_phone_number: display(), event: 'UNFLAGGED', current_limit: 'TIER_10K' },
          metaRating: 'RED',
          rating: 'RED',
          tier: 'TIER_10K',
        },
        {
          // current_limit here is the throughput level; the messaging limit stays.
          value: {
            display_phone_number: display(),
            event: 'THROUGHPUT_UPGRADE',
            current_limit: 'TIER_UNLIMITED',
          },
          rating: 'RED',
          tier: 'TIER_10K',
        },
      ];
      for (const s of steps) {
        const before = await number();
        const pointsBefore = (await qualityPoints()).length;
        if (s.metaRating) await setMetaRating(env.numbers.sales.phoneNumberId, s.metaRating);
        const time = tick();
        const event = await deliver(
          envelope(env.numbers.sales.wabaId, 'phone_number_quality_update', s.value, time),
        );
        processedCleanly(event);
        const points = await qualityPoints();
        expect(points[pointsBefore]?.detail).toEqual({
          metaEvent: s.value.event,
          // The event itself says nothing of the rating when Graph has to be asked.
          qualityRating: s.metaRating ? null : s.rating,
          previousQualityRating: before.qualityRating,
          messagingLimitTier: s.tier,
          previousMessagingLimitTier: before.messagingLimitTier,
          occurredAt: new Date(time * 1000).toISOString(),
        });
        if (s.metaRating)
          expect(await rereadPoint(pointsBefore)).toMatchObject({
            metaEvent: null,
            qualityRating: s.metaRating,
            previousQualityRating: null,
            messagingLimitTier: s.tier,
          });
        expect(await number()).toMatchObject({ qualityRating: s.rating, messagingLimitTier: s.tier });
      }
      expect((await number()).throughputLevel).toBe('HIGH');
      // Only the number it names: support (same app, another WABA) is untouched.
      expect((await numberEvents(env.numbers.support.id)).some((e) => e.kind === 'quality_changed')).toBe(
        false,
      );
    });

    it('quality and name changes older than the last applied one are recorded stale and change nothing', async () => {
      const older = tick();
      const newer = tick();
      const upgrade = await deliver(
        envelope(
          env.numbers.sales.wabaId,
          'phone_number_quality_update',
          {
            display_phone_number: display(),
            event: 'DOWNGRADE',
            old_limit: 'TIER_10K',
            current_limit: 'TIER_2K',
          },
          newer,
        ),
      );
      processedCleanly(upgrade);
      expect(await number()).toMatchObject({ messagingLimitTier: 'TIER_2K' });
      const points = (await qualityPoints()).length;
      // An UPGRADE Meta sent before that DOWNGRADE, delivered after it.
      const late = await deliver(
        envelope(
          env.numbers.sales.wabaId,
          'phone_number_quality_update',
          {
            display_phone_number: display(),
            event: 'UPGRADE',
            old_limit: 'TIER_2K',
            current_limit: 'TIER_100K',
          },
          older,
        ),
      );
      processedCleanly(late);
      expect((await accountEventOf(late.id)).outcome).toBe('stale');
      expect(await number()).toMatchObject({ messagingLimitTier: 'TIER_2K' });
      expect(await qualityPoints()).toHaveLength(points);

      const nameOlder = tick();
      const nameNewer = tick();
      const approved = await deliver(
        envelope(
          env.numbers.sales.wabaId,
          'phone_number_name_update',
          { display_phone_number: display(), decision: 'APPROVED', requested_verified_name: 'Sales Newer' },
          nameNewer,
        ),
      );
      processedCleanly(approved);
      const lateName = await deliver(
        envelope(
          env.numbers.sales.wabaId,
          'phone_number_name_update',
          { display_phone_number: display(), decision: 'APPROVED', requested_verified_name: 'Sales Older' },
          nameOlder,
        ),
      );
      processedCleanly(lateName);
      expect((await accountEventOf(lateName.id)).outcome).toBe('stale');
      expect((await number()).verifiedName).toBe('Sales Newer');
    });

    it('phone_number_name_update APPROVED sets the verified name; REJECTED declines', async () => {
      const approved = await deliver(
        envelope(env.numbers.sales.wabaId, 'phone_number_name_update', {
          display_phone_number: display(),
          decision: 'APPROVED',
          requested_verified_name: 'Acme Sales',
          rejection_reason: 'NONE',
        }),
      );
      processedCleanly(approved);
      expect(await number()).toMatchObject({ verifiedName: 'Acme Sales', nameStatus: 'APPROVED' });
      const rejected = await deliver(
        envelope(env.numbers.sales.wabaId, 'phone_number_name_update', {
          display_phone_number: display(),
          decision: 'REJECTED',
          requested_verified_name: 'Best Shop Ever',
          rejection_reason: 'NAME_FORMAT_UNACCEPTABLE',
        }),
      );
      processedCleanly(rejected);
      expect(await number()).toMatchObject({ verifiedName: 'Acme Sales', nameStatus: 'DECLINED' });
      const last = (await numberEvents()).filter((e) => e.kind === 'name_status_changed').at(-1);
      expect(last?.detail).toMatchObject({
        decision: 'REJECTED',
        rejectionReason: 'NAME_FORMAT_UNACCEPTABLE',
      });
    });

    it('security, account_update, account_alerts and business_capability_update go on the number’s history', async () => {
      const waba = env.numbers.sales.wabaId;
      const deliveries: [string, Record<string, unknown>, string][] = [
        [
          'security',
          { display_phone_number: display(), event: 'PIN_CHANGED', requester: '2837264' },
          'security',
        ],
        [
          'account_update',
          { phone_number: display(), event: 'ACCOUNT_VIOLATION', violation_info: { violation_type: 'SCAM' } },
          'account_update',
        ],
        [
          'account_update',
          {
            event: 'ACCOUNT_RESTRICTION',
            restriction_info: [
              { restriction_type: 'RESTRICTED_ADD_PHONE_NUMBER_ACTION', expiration: 1767225600 },
            ],
          },
          'account_update',
        ],
        [
          'account_update',
          {
            event: 'DISABLED_UPDATE',
            ban_info: { waba_ban_state: ['SCHEDULE_FOR_DISABLE'], waba_ban_date: 'December 7, 2026' },
          },
          'account_update',
        ],
        [
          'account_update',
          {
            event: 'PARTNER_REMOVED',
            disconnection_info: { reason: 'ACCOUNT_DISCONNECTED', initiated_by: 'USER' },
          },
          'account_update',
        ],
        [
          'account_update',
          { event: 'VERIFIED_ACCOUNT', waba_info: { waba_id: waba, owner_business_id: '909090' } },
          'account_update',
        ],
        [
          'account_alerts',
          {
            entity_type: 'WABA',
            entity_id: waba,
            alert_info: {
              alert_severity: 'WARNING',
              alert_status: 'ACTIVE',
              alert_type: 'OBA_APPROVED',
              alert_description: 'Your request for Official Business Account status was approved.',
            },
          },
          'account_alert',
        ],
        [
          'business_capability_update',
          { max_daily_conversation_per_phone: 100000, max_phone_numbers_per_business: 20 },
          'capability_changed',
        ],
      ];
      for (const [field, value, kind] of deliveries) {
        const event = await deliver(envelope(waba, field, value));
        processedCleanly(event);
        const last = (await numberEvents()).filter((e) => e.kind === kind).at(-1);
        expect(last, field).toMatchObject({ kind, detail: { value } });
        expect((await accountEventOf(event.id)).field).toBe(field);
      }
      // business_capability_update's limit is the number's tier now.
      expect((await number()).messagingLimitTier).toBe('TIER_100K');
      const unlimited = await deliver(
        envelope(waba, 'business_capability_update', {
          max_daily_conversations_per_business: -1,
          max_phone_numbers_per_business: 20,
        }),
      );
      processedCleanly(unlimited);
      expect((await number()).messagingLimitTier).toBe('TIER_UNLIMITED');
    });

    it('a quality change emitted by the sandbox arrives through the real webhook path; Graph’s rating is stored', async () => {
      const before = (await qualityPoints(env.numbers.support.id)).length;
      // The sandbox ("Meta") rates the number YELLOW and sends UNFLAGGED, which carries no rating.
      await env.sandbox.accountEvent('phone_number_quality_update', {
        phoneNumberId: env.numbers.support.phoneNumberId,
        qualityRating: 'YELLOW',
        event: 'UNFLAGGED',
      });
      const read = await rereadPoint(before, env.numbers.support.id);
      expect(read).toMatchObject({ metaEvent: null, qualityRating: 'YELLOW' });
      const points = await qualityPoints(env.numbers.support.id);
      expect(points[before]).toMatchObject({ detail: { metaEvent: 'UNFLAGGED', qualityRating: null } });
      expect(await number(env.numbers.support.id)).toMatchObject({ qualityRating: 'YELLOW' });
    });
  });

  describe("through the sandbox's control API (/_sim/events)", () => {
    /** Asks the sandbox ("Meta") to emit a field; it signs and delivers it to the number's webhook. */
    const emit = async (path: string, body: Record<string, unknown>) => {
      const r = await fetch(`${env.sandbox.url}/_sim/events${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(r.status, await r.clone().text()).toBe(200);
    };
    const nextHistory = async (numberId: string, kind: string, before: number) =>
      waitFor(
        async () => {
          const items = (await numberEvents(numberId)).filter((e) => e.kind === kind);
          return items.length > before ? items.at(-1) : undefined;
        },
        { what: `a ${kind} entry` },
      );

    it('phone_number_name_update, account_alerts, business_capability_update and an unknown field', async () => {
      const n = env.numbers.support;
      const count = async (kind: string) => (await numberEvents(n.id)).filter((e) => e.kind === kind).length;

      const names = await count('name_status_changed');
      await emit('/phone_number_name_update', {
        phoneNumberId: n.phoneNumberId,
        decision: 'APPROVED',
        requestedVerifiedName: 'Acme Support',
      });
      expect(await nextHistory(n.id, 'name_status_changed', names)).toMatchObject({
        detail: { decision: 'APPROVED', verifiedName: 'Acme Support' },
      });
      expect(await number(n.id)).toMatchObject({ verifiedName: 'Acme Support', nameStatus: 'APPROVED' });

      const alerts = await count('account_alert');
      await emit('/account_alerts', {
        wabaId: n.wabaId,
        alertSeverity: 'CRITICAL',
        alertType: 'INCREASED_CAPABILITIES_ELIGIBILITY_FAILED',
        alertDescription: 'Your business is not eligible for higher messaging limits.',
      });
      expect(await nextHistory(n.id, 'account_alert', alerts)).toMatchObject({
        detail: { metaEvent: 'INCREASED_CAPABILITIES_ELIGIBILITY_FAILED' },
      });

      const capabilities = await count('capability_changed');
      await emit('/business_capability_update', {
        wabaId: n.wabaId,
        maxDailyConversationsPerBusiness: 2000,
        maxPhoneNumbersPerBusiness: 20,
      });
      expect(await nextHistory(n.id, 'capability_changed', capabilities)).toMatchObject({
        detail: { messagingLimitTier: 'TIER_2K' },
      });
      expect((await number(n.id)).messagingLimitTier).toBe('TIER_2K');

      // A field nobody handles, emitted as Meta would: kept visible on its delivery, not failed.
      await emit('', { field: 'partner_solutions', wabaId: n.wabaId, value: { event: 'SOLUTION_CREATED' } });
      const event = await waitFor(
        async () =>
          (
            await env.query<{ id: string; status: string; unhandled: { field: string }[] | null }>(
              `select id, status, unhandled from inbound_events where raw_body like '%partner_solutions%' and status <> 'pending'`,
            )
          )[0],
        { what: 'the partner_solutions delivery processed' },
      );
      expect(event.status).toBe('processed');
      const shown = (await api().get(`/api/inbound-events/${event.id}`).expect(200)).body as EventView;
      expect(shown.unhandled.map((u) => u.field)).toEqual(['partner_solutions']);
    });
  });

  describe('what is not handled stays visible', () => {
    it('unknown and unprocessed fields: the delivery is processed, each change listed as not handled', async () => {
      const waba = env.numbers.sales.wabaId;
      const body = {
        object: 'whatsapp_business_account',
        entry: [
          {
            id: waba,
            time: tick(),
            changes: [
              { field: 'foo_bar', value: { anything: true } },
              { field: 'history', value: { messaging_product: 'whatsapp', history: [] } },
              {
                field: 'smb_message_echoes',
                value: {
                  messaging_product: 'whatsapp',
                  metadata: {
                    display_phone_number: display(),
                    phone_number_id: env.numbers.sales.phoneNumberId,
                  },
                  message_echoes: [],
                },
              },
              {
                field: 'flows',
                value: { event: 'FLOW_STATUS_CHANGE', flow_id: '123', new_status: 'PUBLISHED' },
              },
            ],
          },
        ],
      };
      const event = await deliver(body);
      expect(event.status).toBe('processed');
      expect(event.failures).toEqual([]);
      expect(event.unhandled.map((u) => [u.path, u.field])).toEqual([
        ['entry[0].changes[0]', 'foo_bar'],
        ['entry[0].changes[1]', 'history'],
        ['entry[0].changes[2]', 'smb_message_echoes'],
        ['entry[0].changes[3]', 'flows'],
      ]);
      expect(event.unhandled[0].reason).toContain('foo_bar');
      function display() {
        return env.numbers.sales.displayPhoneNumber;
      }
    });

    it('a template event for a WABA with no registered number: 200, visible, naming the WABA, nothing changed', async () => {
      const before = await count(env, 'whatsapp_account_events');
      const event = await deliver(
        envelope('999999999999999', 'message_template_status_update', {
          event: 'APPROVED',
          message_template_id: 1689556908129832,
          message_template_name: 'order_shipped',
          message_template_language: 'pt_BR',
          reason: 'NONE',
          message_template_category: 'UTILITY',
        }),
      );
      expect(event.status).toBe('processed');
      expect(event.unhandled).toHaveLength(1);
      expect(event.unhandled[0].reason).toContain('999999999999999');
      expect(await count(env, 'whatsapp_account_events')).toBe(before);
    });

    it("another app's signature changes nothing of this app's numbers", async () => {
      // HR's number has its own app; the sales app signs a change naming HR's WABA and number.
      const hr = env.numbers.hr;
      const before = await number(hr.id);
      const t = await template('hello_world', 'en_US', hr.id);
      const forged = await deliver(
        {
          object: 'whatsapp_business_account',
          entry: [
            {
              id: hr.wabaId,
              time: tick(),
              changes: [
                {
                  field: 'phone_number_quality_update',
                  value: {
                    display_phone_number: hr.displayPhoneNumber,
                    event: 'FLAGGED',
                    current_limit: 'TIER_50',
                  },
                },
                {
                  field: 'message_template_status_update',
                  value: {
                    event: 'DISABLED',
                    message_template_id: Number(t.metaId),
                    message_template_name: t.name,
                    message_template_language: t.language,
                    reason: 'NONE',
                  },
                },
              ],
            },
          ],
        },
        env.numbers.sales.appSecret,
      );
      expect(forged.status).toBe('processed');
      expect(forged.unhandled).toHaveLength(2);
      expect(forged.unhandled[0].reason).toContain('another app');
      expect(await number(hr.id)).toMatchObject({
        qualityRating: before.qualityRating,
        messagingLimitTier: before.messagingLimitTier,
      });
      expect((await template('hello_world', 'en_US', hr.id)).status).toBe(t.status);
      expect(await accountEvents(hr.id)).toEqual([]);
      // The same change signed by HR's own app applies.
      processedCleanly(
        await deliver(
          envelope(hr.wabaId, 'phone_number_quality_update', {
            display_phone_number: hr.displayPhoneNumber,
            event: 'FLAGGED',
            current_limit: 'TIER_50',
          }),
          hr.appSecret,
        ),
      );
      expect(await number(hr.id)).toMatchObject({ messagingLimitTier: 'TIER_50' });
    });

    it('a replayed delivery applies and records nothing twice', async () => {
      const event = await deliver(
        envelope(env.numbers.sales.wabaId, 'security', {
          display_phone_number: env.numbers.sales.displayPhoneNumber,
          event: 'TWO_STEP_DISABLED',
        }),
      );
      processedCleanly(event);
      const history = (await numberEvents()).length;
      const recorded = await count(env, 'whatsapp_account_events', 'inbound_event_id = $1', [event.id]);
      expect(recorded).toBe(1);
      const r = await api().post(`/api/inbound-events/${event.id}/replay`);
      expect(r.status, r.text).toBe(202);
      await waitFor(
        async () =>
          (
            await env.query<{ attempts: number }>(
              `select attempts from inbound_events where id = $1 and status = 'processed' and attempts > $2`,
              [event.id, event.attempts],
            )
          )[0],
        { what: 'the replay processed' },
      );
      expect((await numberEvents()).length).toBe(history);
      expect(await count(env, 'whatsapp_account_events', 'inbound_event_id = $1', [event.id])).toBe(1);
    });
  });

  describe("Meta's retries, disabled numbers and account alerts", () => {
    /** Posts the same signed body as one more delivery (Meta's retry) and waits until `n` deliveries of it are processed. */
    const post = async (raw: string, n: number) => {
      await env
        .anonymous()
        .post('/webhooks/whatsapp')
        .set('Content-Type', 'application/json')
        .set('X-Hub-Signature-256', signBody(raw, env.numbers.sales.appSecret))
        .send(raw)
        .expect(200);
      return waitFor(
        async () => {
          const rows = await env.query<{ id: string }>(
            `select id from inbound_events where raw_body = $1 and status = 'processed' order by received_at, id`,
            [raw],
          );
          return rows.length === n ? rows.map((r) => r.id) : undefined;
        },
        { what: `${n} processed deliveries of the body` },
      );
    };

    it('the same change delivered twice (Meta retrying) is applied and recorded once, consent included', async () => {
      const n = env.numbers.sales;
      const waId = '5511900001111';
      const time = tick();
      const raw = JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [
          {
            id: n.wabaId,
            time,
            changes: [
              {
                field: 'security',
                value: {
                  display_phone_number: n.displayPhoneNumber,
                  event: 'PIN_RESET_REQUEST',
                  requester: '77',
                },
              },
              {
                field: 'user_preferences',
                value: {
                  messaging_product: 'whatsapp',
                  metadata: { display_phone_number: n.displayPhoneNumber, phone_number_id: n.phoneNumberId },
                  contacts: [{ wa_id: waId }],
                  user_preferences: [
                    {
                      wa_id: waId,
                      detail: 'User requested to stop marketing messages',
                      category: 'marketing_messages',
                      value: 'stop',
                      timestamp: time,
                    },
                  ],
                },
              },
            ],
          },
        ],
      });
      const securityEntries = async () =>
        (await numberEvents()).filter(
          (e) => e.kind === 'security' && e.detail.metaEvent === 'PIN_RESET_REQUEST',
        ).length;
      const [first] = await post(raw, 1);
      expect(await securityEntries()).toBe(1);
      const [, second] = await post(raw, 2);
      expect(second).not.toBe(first);
      const retried = (await api().get(`/api/inbound-events/${second}`).expect(200)).body as EventView;
      expect(retried.status).toBe('processed');
      expect(await securityEntries()).toBe(1);
      expect(
        await count(env, 'whatsapp_account_events', 'inbound_event_id = any($1::uuid[])', [[first, second]]),
      ).toBe(2);
      expect(await count(env, 'whatsapp_account_events', 'inbound_event_id = $1', [second])).toBe(0);
      expect(await count(env, 'marketing_consent_changes', 'wa_id = $1', [waId])).toBe(1);
    });

    it('an account change naming a disabled number by its display number is held, then applied when enabled', async () => {
      const n = env.numbers.support;
      await api().post(`/api/numbers/${n.id}/disable`).expect(200);
      // Meta's time now: the sandbox's own name changes for this number (earlier tests) are recent.
      const raw = envelope(
        n.wabaId,
        'phone_number_name_update',
        {
          display_phone_number: n.displayPhoneNumber,
          decision: 'APPROVED',
          requested_verified_name: 'Support While Disabled',
        },
        Math.floor(Date.now() / 1000) + 60,
      );
      const body = JSON.stringify(raw);
      await env
        .anonymous()
        .post('/webhooks/whatsapp')
        .set('Content-Type', 'application/json')
        .set('X-Hub-Signature-256', signBody(body, env.numbers.sales.appSecret))
        .send(body)
        .expect(200);
      const id = await waitFor(
        async () =>
          (
            await env.query<{ id: string }>(
              `select id from inbound_events where raw_body = $1 and status = 'held'`,
              [body],
            )
          )[0]?.id,
        { what: 'the delivery held' },
      );
      expect((await number(n.id)).verifiedName).not.toBe('Support While Disabled');
      expect(await count(env, 'whatsapp_account_events', 'inbound_event_id = $1', [id])).toBe(0);
      await api().post(`/api/numbers/${n.id}/enable`).expect(200);
      await waitFor(
        async () => ((await number(n.id)).verifiedName === 'Support While Disabled' ? true : undefined),
        { what: 'the held name change applied after enabling' },
      );
    });

    it('a ban raises an account alert on the number; reinstatement resolves it', async () => {
      const n = env.numbers.hr;
      const alerts = async (status: string) => {
        const r = await api().get(`/api/alerts?status=${status}`);
        expect(r.status, r.text).toBe(200);
        return (
          r.body.items as { id: string; numberId: string; kind: string; detail: Record<string, unknown> }[]
        ).filter((a) => a.numberId === n.id && a.kind === 'account');
      };
      expect(await alerts('open')).toEqual([]);
      processedCleanly(
        await deliver(
          envelope(n.wabaId, 'account_update', {
            event: 'DISABLED_UPDATE',
            ban_info: { waba_ban_state: ['DISABLE'], waba_ban_date: 'December 7, 2026' },
          }),
          n.appSecret,
        ),
      );
      const [open] = await alerts('open');
      expect(open?.detail).toMatchObject({
        metaEvent: 'DISABLED_UPDATE',
        banState: 'DISABLE',
        wabaId: n.wabaId,
      });
      // An informational alert does not raise one; a second problem while one is open adds none.
      processedCleanly(
        await deliver(
          envelope(n.wabaId, 'account_update', {
            phone_number: n.displayPhoneNumber,
            event: 'ACCOUNT_VIOLATION',
            violation_info: { violation_type: 'SPAM' },
          }),
          n.appSecret,
        ),
      );
      expect(await alerts('open')).toHaveLength(1);
      processedCleanly(
        await deliver(
          envelope(n.wabaId, 'account_update', {
            event: 'DISABLED_UPDATE',
            ban_info: { waba_ban_state: ['REINSTATE'], waba_ban_date: 'December 8, 2026' },
          }),
          n.appSecret,
        ),
      );
      expect(await alerts('open')).toEqual([]);
      expect((await alerts('resolved')).map((a) => a.id)).toContain(open.id);
      // account_alerts of warning severity raise one too.
      processedCleanly(
        await deliver(
          envelope(n.wabaId, 'account_alerts', {
            entity_type: 'PHONE_NUMBER',
            entity_id: n.phoneNumberId,
            alert_info: {
              alert_severity: 'CRITICAL',
              alert_status: 'ACTIVE',
              alert_type: 'INCREASED_RISK_OF_MESSAGING_LIMIT_DOWNGRADE',
              alert_description: 'Quality is low.',
            },
          }),
          n.appSecret,
        ),
      );
      expect(await alerts('open')).toMatchObject([
        {
          detail: {
            field: 'account_alerts',
            severity: 'CRITICAL',
            metaEvent: 'INCREASED_RISK_OF_MESSAGING_LIMIT_DOWNGRADE',
          },
        },
      ]);
    });
  });

  it('a burst of unknown-template events costs one template re-sync of the WABA, not one each', async () => {
    const sales = env.numbers.sales;
    const listing = `${sales.wabaId}/message_templates`;
    // A rule that only counts: every listing request Meta receives (each page is one).
    env.sandbox.setGraphFaults([{ method: 'GET', path: listing, delayMs: 1 }]);
    const fired = async () => {
      const res = await fetch(`${env.sandbox.url}/_sim/faults`);
      return ((await res.json()) as { rules: { fired: number }[] }).rules[0]?.fired ?? 0;
    };
    try {
      expect((await api().post(`/api/numbers/${sales.id}/templates/sync`)).status).toBe(200);
      const perSync = await fired();
      expect(perSync).toBeGreaterThan(0);
      const burst = await deliver({
        object: 'whatsapp_business_account',
        entry: [
          {
            id: sales.wabaId,
            time: tick(),
            changes: [1, 2, 3].map((i) => ({
              field: 'message_template_status_update',
              value: {
                event: 'APPROVED',
                message_template_id: 990000000 + i,
                message_template_name: `made_in_manager_${i}`,
                message_template_language: 'en_US',
                reason: null,
              },
            })),
          },
        ],
      });
      expect(burst.status).toBe('processed');
      // Every queued follow-up ran (or was skipped): none of the queue's outbox entries is left undone.
      await waitFor(
        async () =>
          (await count(env, 'outbox', `queue = 'graph-rereads' and done_at is null`)) === 0
            ? true
            : undefined,
        { what: 'the queued re-syncs done' },
      );
      expect(
        await count(env, 'outbox', `queue = 'graph-rereads' and data->>'wabaId' = $1`, [sales.wabaId]),
      ).toBeGreaterThanOrEqual(3);
      expect(await fired()).toBe(2 * perSync);
    } finally {
      env.sandbox.setGraphFaults([]);
    }
  });
});
