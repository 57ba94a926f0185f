import { createTestEnvironment, freePort, TestEnvironment, waitFor } from '@switchboard/testing';
import { SandboxHandle, startSandbox } from '@switchboard/wa-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A number Meta has and Switchboard does not yet, with one approved template in its WABA. */
const NUMBER = {
  phoneNumberId: '320000000000001',
  displayPhoneNumber: '15557790001',
  wabaId: '420000000000001',
  accessToken: 'sync-fault-access-token',
  appSecret: 'sync-fault-app-secret',
  verifyToken: 'sync-fault-verify-token',
};
/** Meta's WABA rate-limit error (code 80007, HTTP 400), as Graph returns it. */
const RATE_LIMITED = {
  code: 80007,
  type: 'OAuthException' as const,
  message:
    '(#80007) There have been too many calls to this WhatsApp Business account. Wait a bit and try again.',
};

describe('registration when the template sync fails', () => {
  let env: TestEnvironment;
  let meta: SandboxHandle;
  const seen: string[] = [];

  beforeAll(async () => {
    const port = await freePort();
    env = await createTestEnvironment({ config: { whatsapp: { graphBaseUrl: `http://127.0.0.1:${port}` } } });
    meta = await startSandbox({
      port,
      numbers: [{ ...NUMBER, webhookUrl: `${env.url}/webhooks/whatsapp` }],
      templates: [
        {
          id: '9100000001',
          wabaId: NUMBER.wabaId,
          name: 'order_ready',
          language: 'pt_BR',
          status: 'APPROVED',
          category: 'UTILITY',
          components: [{ type: 'BODY', text: 'Seu pedido {{1}} está pronto' }],
        },
      ],
    });
  });
  afterAll(async () => {
    await meta?.close();
    await env?.close();
    for (const text of seen)
      for (const secret of [NUMBER.accessToken, NUMBER.appSecret, NUMBER.verifyToken])
        expect(text).not.toContain(secret);
  });

  it("registers (201) and the number works; the WABA's sync keeps Meta's error; a later sync succeeds", async () => {
    // Only the template list fails: the connection test's calls (phone number, subscribed_apps) answer as usual.
    meta.setGraphFaults([{ method: 'GET', path: `${NUMBER.wabaId}/message_templates`, error: RATE_LIMITED }]);
    const department = (
      await env.api().post('/api/departments').send({ key: 'sync-fault', name: 'Sync fault' }).expect(201)
    ).body.id as string;
    const { phoneNumberId, wabaId, accessToken, appSecret, verifyToken } = NUMBER;
    const created = await env
      .api()
      .post('/api/numbers')
      .send({ phoneNumberId, wabaId, accessToken, appSecret, verifyToken, departmentId: department });
    seen.push(created.text);
    expect(created.status, created.text).toBe(201);
    expect(created.body.connectionTest.ok).toBe(true);
    const id = created.body.id as string;

    const listed = await env.api().get(`/api/numbers/${id}/templates`).expect(200);
    seen.push(listed.text);
    expect(listed.body.items).toEqual([]);
    expect(listed.body.sync).toMatchObject({
      wabaId: NUMBER.wabaId,
      syncedAt: null,
      error: { code: 80007, message: expect.stringContaining('too many calls') },
    });

    // Usable: a customer's message opens a conversation and a reply is accepted.
    await meta.customer('5511955550001', { phoneNumberId: NUMBER.phoneNumberId }).text('oi');
    const [{ id: conversationId }] = await waitFor(
      async () => {
        const rows = await env.query<{ id: string }>(
          'select c.id from conversations c join contacts k on k.id = c.contact_id where k.wa_id = $1',
          ['5511955550001'],
        );
        return rows.length ? rows : null;
      },
      { what: 'conversation opened' },
    );
    await env
      .api()
      .post(`/api/conversations/${conversationId}/messages`)
      .send({ type: 'text', text: 'olá!' })
      .expect(202);

    // While Meta still refuses, an on-demand sync is 502 naming Meta's code.
    const refused = await env.api().post(`/api/numbers/${id}/templates/sync`);
    expect(refused.status, refused.text).toBe(502);
    expect(refused.body.message).toContain('#80007');

    meta.setGraphFaults([]);
    const synced = await env.api().post(`/api/numbers/${id}/templates/sync`);
    seen.push(synced.text);
    expect(synced.status, synced.text).toBe(200);
    expect(synced.body).toMatchObject({ wabaId: NUMBER.wabaId, error: null, listed: 1 });
    const after = await env.api().get(`/api/numbers/${id}/templates`).expect(200);
    expect(after.body.items.map((t: { name: string; status: string }) => [t.name, t.status])).toEqual([
      ['order_ready', 'APPROVED'],
    ]);
    expect(after.body.sync).toMatchObject({ error: null, syncedAt: expect.any(String) });
  });
});
