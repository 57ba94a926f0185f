import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { signBody } from '@switchboard/wa-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The marketing-consent ledger: Meta's user_preferences stop / resume (shape hand-written from Meta's webhook
 * reference) and consent recorded through the API, read per contact.
 */
interface ConsentBody {
  contactId: string;
  wabaId: string;
  waId: string;
  state: 'granted' | 'stopped';
  since: string | null;
  source: 'webhook' | 'api' | null;
  history: {
    state: string;
    at: string;
    source: string;
    applied: boolean;
    inboundEventId: string | null;
    actorId: string | null;
    note: string | null;
  }[];
}

describe('marketing consent', () => {
  let env: TestEnvironment;
  const api = () => env.api();
  const base = Math.floor(Date.now() / 1000) - 5_000;
  let seq = 0;

  /** user_preferences as Meta sends it for the sales number, signed by its app; resolves once processed. */
  const preference = async (
    waId: string,
    value: string,
    timestamp: number,
    category = 'marketing_messages',
  ): Promise<string> => {
    const n = env.numbers.sales;
    const raw = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: n.wabaId,
          changes: [
            {
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: n.displayPhoneNumber, phone_number_id: n.phoneNumberId },
                contacts: [{ profile: { name: 'Ana' }, wa_id: waId }],
                user_preferences: [
                  {
                    wa_id: waId,
                    detail:
                      value === 'stop'
                        ? 'User requested to stop marketing messages'
                        : 'User requested to resume marketing messages',
                    category,
                    value,
                    timestamp,
                  },
                ],
              },
              field: 'user_preferences',
            },
          ],
        },
      ],
    });
    await env
      .anonymous()
      .post('/webhooks/whatsapp')
      .set('Content-Type', 'application/json')
      .set('X-Hub-Signature-256', signBody(raw, n.appSecret))
      .send(raw)
      .expect(200);
    return waitFor(
      async () =>
        (
          await env.query<{ id: string }>(
            `select id from inbound_events where raw_body = $1 and status = 'processed'`,
            [raw],
          )
        )[0]?.id,
      { what: 'the user_preferences delivery processed' },
    );
  };

  /** The customer writes to the sales number; resolves to their contact id. */
  const contactOf = async (waId: string) => {
    await env.sandbox
      .customer(waId, { phoneNumberId: env.numbers.sales.phoneNumberId })
      .text(`hello ${++seq}`);
    return waitFor(
      async () =>
        (
          await env.query<{ id: string }>('select id from contacts where wa_id = $1 and waba_id = $2', [
            waId,
            env.numbers.sales.wabaId,
          ])
        )[0]?.id,
      { what: 'the contact' },
    );
  };
  const consent = async (contactId: string, as = api()) => {
    const r = await as.get(`/api/contacts/${contactId}/marketing-consent`);
    expect(r.status, r.text).toBe(200);
    return r.body as ConsentBody;
  };
  const iso = (unix: number) => new Date(unix * 1000).toISOString();

  beforeAll(async () => {
    env = await createTestEnvironment();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('a stop that arrives before any conversation applies once the customer writes', async () => {
    const waId = '5511970000001';
    await preference(waId, 'stop', base + 1);
    const contactId = await contactOf(waId);
    const c = await consent(contactId);
    expect(c).toMatchObject({
      contactId,
      wabaId: env.numbers.sales.wabaId,
      waId,
      state: 'stopped',
      since: iso(base + 1),
      source: 'webhook',
    });
    expect(c.history).toHaveLength(1);
  });

  it('stop then resume: granted again, both in the history', async () => {
    const waId = '5511970000002';
    const contactId = await contactOf(waId);
    expect((await consent(contactId)).state).toBe('granted');
    const stopEvent = await preference(waId, 'stop', base + 10);
    expect((await consent(contactId)).state).toBe('stopped');
    await preference(waId, 'resume', base + 20);
    const c = await consent(contactId);
    expect(c).toMatchObject({ state: 'granted', since: iso(base + 20), source: 'webhook' });
    expect(c.history.map((h) => [h.state, h.at, h.applied])).toEqual([
      ['stopped', iso(base + 10), true],
      ['granted', iso(base + 20), true],
    ]);
    expect(c.history[0].inboundEventId).toBe(stopEvent);
    // Recorded on the number's account events with Meta's time (the item's timestamp) and ours.
    const r = await api().get(`/api/numbers/${env.numbers.sales.id}/account-events?field=user_preferences`);
    expect(r.status, r.text).toBe(200);
    const stop = (
      r.body.items as { inboundEventId: string; occurredAt: string; receivedAt: string; detail: unknown }[]
    ).find((e) => e.inboundEventId === stopEvent);
    expect(stop).toMatchObject({
      occurredAt: iso(base + 10),
      detail: { preferences: [{ waId, state: 'stopped', outcome: 'applied' }] },
    });
    expect(Date.parse(stop!.receivedAt)).toBeGreaterThan(Date.parse(stop!.occurredAt));
  });

  it('out of order: an older stop delivered after a newer resume is kept in history, not applied', async () => {
    const waId = '5511970000003';
    const contactId = await contactOf(waId);
    await preference(waId, 'resume', base + 40);
    await preference(waId, 'stop', base + 30);
    const c = await consent(contactId);
    expect(c.state).toBe('granted');
    expect(c.history.map((h) => [h.state, h.applied])).toEqual([
      ['granted', true],
      ['stopped', false],
    ]);
  });

  it('a category other than marketing_messages changes nothing', async () => {
    const waId = '5511970000004';
    const contactId = await contactOf(waId);
    await preference(waId, 'stop', base + 50, 'utility_messages');
    const c = await consent(contactId);
    expect(c.state).toBe('granted');
    expect(c.history).toEqual([]);
  });

  it('a replayed delivery records nothing twice', async () => {
    const waId = '5511970000005';
    const contactId = await contactOf(waId);
    const id = await preference(waId, 'stop', base + 60);
    const attempts = (
      await env.query<{ attempts: number }>('select attempts from inbound_events where id = $1', [id])
    )[0].attempts;
    const r = await api().post(`/api/inbound-events/${id}/replay`);
    expect(r.status, r.text).toBe(202);
    await waitFor(
      async () =>
        (
          await env.query<{ id: string }>(
            `select id from inbound_events where id = $1 and status = 'processed' and attempts > $2`,
            [id, attempts],
          )
        )[0],
      { what: 'the replay processed' },
    );
    expect((await consent(contactId)).history).toHaveLength(1);
  });

  it('a stop emitted by the sandbox arrives through the real webhook path', async () => {
    const waId = '5511970000006';
    const contactId = await contactOf(waId);
    await env.sandbox.accountEvent('user_preferences', {
      phoneNumberId: env.numbers.sales.phoneNumberId,
      waId,
      value: 'stop',
    });
    const c = await waitFor(
      async () => {
        const v = await consent(contactId);
        return v.state === 'stopped' ? v : undefined;
      },
      { what: 'the stop applied' },
    );
    expect(c.source).toBe('webhook');
  });

  describe('through the API', () => {
    it('records consent collected elsewhere, audited, with the actor and note', async () => {
      const waId = '5511970000007';
      const contactId = await contactOf(waId);
      const r = await env
        .as('salesAgent')
        .put(`/api/contacts/${contactId}/marketing-consent`)
        .send({ state: 'stopped', note: 'asked by phone' });
      expect(r.status, r.text).toBe(200);
      expect(r.body).toMatchObject({ state: 'stopped', source: 'api' });
      expect((r.body as ConsentBody).history.at(-1)).toMatchObject({
        state: 'stopped',
        source: 'api',
        note: 'asked by phone',
        actorId: env.users.salesAgent.id,
      });
      const audit = await api().get('/api/audit-events');
      expect(audit.status, audit.text).toBe(200);
      expect(JSON.stringify(audit.body)).toContain('contact.marketing_consent_set');
      // A later webhook resume (Meta's time after ours) wins.
      await preference(waId, 'resume', Math.floor(Date.now() / 1000) + 5);
      expect((await consent(contactId)).state).toBe('granted');
    });

    it('bad input is 400 naming the field, changing nothing; other departments and viewers are refused', async () => {
      const waId = '5511970000008';
      const contactId = await contactOf(waId);
      const bad = await api().put(`/api/contacts/${contactId}/marketing-consent`).send({ state: 'maybe' });
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('state');
      const extra = await api()
        .put(`/api/contacts/${contactId}/marketing-consent`)
        .send({ state: 'stopped', reason: 'x' });
      expect(extra.status).toBe(400);
      expect(
        (
          await env
            .as('supportAgent')
            .put(`/api/contacts/${contactId}/marketing-consent`)
            .send({ state: 'stopped' })
        ).status,
      ).toBe(404);
      expect((await env.as('supportAgent').get(`/api/contacts/${contactId}/marketing-consent`)).status).toBe(
        404,
      );
      expect(
        (
          await env
            .as('viewer')
            .put(`/api/contacts/${contactId}/marketing-consent`)
            .send({ state: 'stopped' })
        ).status,
      ).toBe(403);
      expect((await consent(contactId, env.as('viewer'))).history).toEqual([]);
      expect(
        (await api().get(`/api/contacts/00000000-0000-7000-8000-000000000000/marketing-consent`)).status,
      ).toBe(404);
    });
  });
});
