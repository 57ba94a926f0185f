import { metaJsonStringify, signBody } from '@switchboard/wa-sandbox';
import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, fakeWamid, messagesEnvelope, unixNow } from './helpers';

describe.each(['postgres', 'redis'] as const)('WhatsApp webhook intake (%s queue backend)', (queue) => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment({ queue });
  });
  afterAll(async () => {
    await env?.close();
  });

  const post = (body: string | Buffer, signature?: string) => {
    const req = env.api().post('/webhooks/whatsapp').set('Content-Type', 'application/json');
    if (signature) req.set('X-Hub-Signature-256', signature);
    return req.send(body);
  };

  describe('GET handshake', () => {
    it("echoes the challenge exactly for each number's verify token", async () => {
      for (const key of ['sales', 'support', 'hr'] as const) {
        const r = await env.sandbox.verifyWebhook(env.numbers[key].phoneNumberId);
        expect(r).toMatchObject({ ok: true, status: 200 });
        expect(r.body).toBe(r.challenge);
      }
    });

    it('refuses a wrong verify token with 403', async () => {
      const r = await env.sandbox.verifyWebhook(env.numbers.sales.phoneNumberId, {
        verifyToken: 'not-the-token',
      });
      expect(r.ok).toBe(false);
      expect(r.status).toBe(403);
    });

    it('refuses a request without hub.mode=subscribe with 400', async () => {
      const r = await env
        .api()
        .get('/webhooks/whatsapp?hub.challenge=1&hub.verify_token=test-verify-sales')
        .expect(400);
      expect(r.text).toContain('hub.mode');
    });
  });

  describe('POST signature', () => {
    it('rejects a missing signature with 401 and stores nothing', async () => {
      const before = await count(env, 'inbound_events');
      const body = metaJsonStringify(messagesEnvelope(env, 'sales', { messages: [] }));
      const r = await post(body).expect(401);
      expect(r.body.message).toContain('X-Hub-Signature-256');
      expect(await count(env, 'inbound_events')).toBe(before);
    });

    it('rejects a bad signature with 401 and stores nothing', async () => {
      const before = await count(env, 'inbound_events');
      const r = await env.sandbox.customer('5511900000001').text('hello');
      expect(r.result.status).toBe(200);
      const bad = await env.sandbox.deliver(
        env.numbers.sales.phoneNumberId,
        messagesEnvelope(env, 'sales', {
          messages: [
            {
              from: '5511900000002',
              id: fakeWamid(),
              timestamp: unixNow(),
              type: 'text',
              text: { body: 'x' },
            },
          ],
        }),
        { signature: 'bad', retry: false },
      );
      expect(bad.status).toBe(401);
      expect(await count(env, 'inbound_events')).toBe(before + 1);
      expect(await count(env, 'contacts', 'wa_id = $1', ['5511900000002'])).toBe(0);
    });

    it('rejects a signature made over different bytes (tampered body)', async () => {
      const body = metaJsonStringify(messagesEnvelope(env, 'sales', { messages: [] }));
      const sig = signBody(body, env.numbers.sales.appSecret);
      await post(body.replace('whatsapp_business_account', 'whatsapp_business_accounx'), sig).expect(401);
    });

    it('verifies accents, emoji and Arabic on the raw escaped bytes', async () => {
      const text = 'Olá, café ☕ 😮 مرحبا / barra';
      const { wamid, result } = await env.sandbox.customer('5511900000003', { name: 'Zoë Çelik' }).text(text);
      expect(result.status).toBe(200);
      const rows = await waitFor(() =>
        env.query<{ body: string }>('select body from messages where wamid = $1', [wamid]),
      );
      expect(rows[0].body).toBe(text);
      const contact = await env.query<{ profile_name: string }>(
        'select profile_name from contacts where wa_id = $1',
        ['5511900000003'],
      );
      expect(contact[0].profile_name).toBe('Zoë Çelik');
    });

    it('accepts a pretty-printed body signed as sent', async () => {
      const wamid = fakeWamid();
      const r = await env.sandbox.deliver(
        env.numbers.sales.phoneNumberId,
        messagesEnvelope(env, 'sales', {
          contacts: [{ profile: { name: 'Pretty' }, wa_id: '5511900000004' }],
          messages: [
            {
              from: '5511900000004',
              id: wamid,
              timestamp: unixNow(),
              type: 'text',
              text: { body: 'pretty' },
            },
          ],
        }),
        { prettyPrint: true, retry: false },
      );
      expect(r.status).toBe(200);
      await waitFor(() => env.query('select 1 from messages where wamid = $1', [wamid]));
    });

    it("refuses changes for a number of another app (signed with that other app's secret)", async () => {
      const wamid = fakeWamid();
      // The HR number has its own app secret; this payload claims to be for the sales number.
      const r = await env.sandbox.deliver(
        env.numbers.hr.phoneNumberId,
        messagesEnvelope(env, 'sales', {
          messages: [
            { from: '5511900000005', id: wamid, timestamp: unixNow(), type: 'text', text: { body: 'spoof' } },
          ],
        }),
        { retry: false },
      );
      expect(r.status).toBe(200);
      const ev = await waitFor(
        async () =>
          (
            await env.query<{ status: string; failures: { reason: string }[] }>(
              `select status, failures from inbound_events where raw_body like $1 and status <> 'pending'`,
              [`%${wamid}%`],
            )
          )[0],
      );
      expect(ev.status).toBe('failed');
      expect(ev.failures[0].reason).toContain('belongs to another app');
      expect(await count(env, 'messages', 'wamid = $1', [wamid])).toBe(0);
    });
  });

  describe('bad input', () => {
    it('answers 413 naming the limit for a body over 3 MB, storing nothing', async () => {
      const before = await count(env, 'inbound_events');
      const body = Buffer.alloc(3 * 1024 * 1024 + 10, 'a');
      const r = await post(body, signBody(body, env.numbers.sales.appSecret)).expect(413);
      expect(r.body.message).toContain('exceeds');
      expect(await count(env, 'inbound_events')).toBe(before);
    });

    it('answers 413 for an oversize chunked body that declares no length, storing nothing', async () => {
      const before = await count(env, 'inbound_events');
      const chunk = Buffer.alloc(512 * 1024, 'a');
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(`${env.url}/webhooks/whatsapp`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': 'sha256=00' },
        });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        // 8 × 512 KiB = 4 MiB, streamed without Content-Length (Transfer-Encoding: chunked).
        let sent = 0;
        const pump = () => {
          while (sent < 8) {
            sent++;
            if (!req.write(chunk)) return void req.once('drain', pump);
          }
          req.end();
        };
        pump();
      });
      expect(status).toBe(413);
      expect(await count(env, 'inbound_events')).toBe(before);
    });

    it('answers 503 when the event cannot be stored, and accepts the same delivery once storage is back', async () => {
      await env.query(`alter table inbound_events add constraint refuse_all check (false) not valid`);
      let ok = false;
      try {
        const envelope = messagesEnvelope(env, 'sales', {
          messages: [
            {
              from: '5511900000099',
              id: fakeWamid(),
              timestamp: unixNow(),
              type: 'text',
              text: { body: 'retry me' },
            },
          ],
        });
        const first = await env.sandbox.deliver(env.numbers.sales.phoneNumberId, envelope, { retry: false });
        expect(first.status).toBe(503);
        expect(await count(env, 'messages', `body = 'retry me'`)).toBe(0);
        await env.query(`alter table inbound_events drop constraint refuse_all`);
        ok = true;
        const retry = await env.sandbox.deliver(env.numbers.sales.phoneNumberId, envelope, { retry: false });
        expect(retry.status).toBe(200);
        await waitFor(async () => (await count(env, 'messages', `body = 'retry me'`)) === 1, {
          what: 'the retried delivery stored',
        });
      } finally {
        if (!ok) await env.query(`alter table inbound_events drop constraint if exists refuse_all`);
      }
    });

    it('keeps a signed but malformed JSON body visibly as a failed event', async () => {
      const body = '{"object":"whatsapp_business_account","entry":[';
      await post(body, signBody(body, env.numbers.sales.appSecret)).expect(200);
      const ev = await waitFor(
        async () =>
          (
            await env.query<{ status: string; failures: { reason: string }[] }>(
              `select status, failures from inbound_events where raw_body = $1 and status <> 'pending'`,
              [body],
            )
          )[0],
      );
      expect(ev.status).toBe('failed');
      expect(ev.failures[0].reason).toMatch(/^malformed JSON/);
    });

    it('refuses a signed body with raw NUL bytes with 400 naming the problem, storing nothing', async () => {
      const before = await count(env, 'inbound_events');
      const body = `{"object":"whatsapp_business_account","entry":[]}${String.fromCharCode(0)}`;
      const r = await post(body, signBody(body, env.numbers.sales.appSecret)).expect(400);
      expect(r.body.message).toBe('body contains NUL bytes');
      expect(await count(env, 'inbound_events')).toBe(before);
    });

    it('records an unknown phone_number_id as a failure naming it', async () => {
      const r = await env.sandbox.deliver(
        env.numbers.sales.phoneNumberId,
        messagesEnvelope(
          env,
          'sales',
          {
            messages: [
              {
                from: '5511900000006',
                id: fakeWamid(),
                timestamp: unixNow(),
                type: 'text',
                text: { body: 'x' },
              },
            ],
          },
          '999999999999999',
        ),
        { retry: false },
      );
      expect(r.status).toBe(200);
      const ev = await waitFor(
        async () =>
          (
            await env.query<{ failures: { reason: string }[] }>(
              `select failures from inbound_events where raw_body like '%999999999999999%' and status <> 'pending'`,
            )
          )[0],
      );
      expect(ev.failures[0].reason).toContain('999999999999999 is not a registered WhatsApp number');
    });

    it('refuses API calls without an access token', async () => {
      const r = await env.anonymous().get('/api/conversations').expect(401);
      expect(r.body.message).toContain('access token');
    });

    it('serves health and the OpenAPI document without credentials', async () => {
      await env.anonymous().get('/health/live').expect(200);
      const ready = await env.anonymous().get('/health/ready').expect(200);
      expect(ready.body.database).toBe('up');
      const doc = await env.anonymous().get('/api/docs/openapi.json').expect(200);
      expect(Object.keys(doc.body.paths)).toContain('/api/conversations/{id}/messages');
    });
  });
});
