import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, fakeWamid, messagesEnvelope, unixNow } from './helpers';

interface MessageRow {
  id: string;
  wamid: string | null;
  status: string;
  error: { code: number | null; title: string; details?: string } | null;
  delivered_at: Date | null;
  read_at: Date | null;
}

describe.each(['postgres', 'redis'] as const)(
  'replies through the Graph API and statuses back (%s queue backend)',
  (queue) => {
    let env: TestEnvironment;
    /** Moves Meta's (the sandbox's) clock relative to ours. */
    let metaClockSkewMs = 0;
    beforeAll(async () => {
      env = await createTestEnvironment({
        queue,
        sandbox: { now: () => Date.now() + metaClockSkewMs },
        // Stated here, not read back from the product: the 130429 test expects gaps of 250 ms, then 500 ms.
        config: { worker: { retryBaseMs: 250 } },
      });
    });
    afterAll(async () => {
      await env?.close();
    });

    /** A conversation opened by a customer message; returns its id. */
    async function conversationWith(
      waId: string,
      opts: { secondsAgo?: number; number?: 'sales' | 'support' | 'hr' } = {},
    ) {
      const number = opts.number ?? 'sales';
      if (!opts.secondsAgo) {
        await env.sandbox.customer(waId).withNumber(env.numbers[number].phoneNumberId).text('Olá');
      } else {
        await env.sandbox.deliver(
          env.numbers[number].phoneNumberId,
          messagesEnvelope(env, number, {
            contacts: [{ profile: { name: waId }, wa_id: waId }],
            messages: [
              {
                from: waId,
                id: fakeWamid(),
                timestamp: unixNow(-(opts.secondsAgo ?? 0)),
                type: 'text',
                text: { body: 'Olá' },
              },
            ],
          }),
          { retry: false },
        );
      }
      const rows = await waitFor(() =>
        env.query<{ id: string }>(
          `select c.id from conversations c join contacts k on k.id = c.contact_id where k.wa_id = $1`,
          [waId],
        ),
      );
      return rows[0].id;
    }

    const message = (id: string) =>
      env.query<MessageRow>('select * from messages where id = $1', [id]).then((r) => r[0]);

    /** The send job of a reply has finished for good: its outbox entry is done, so no retry can follow. */
    const sendFinished = (messageId: string) =>
      waitFor(
        async () =>
          (await count(
            env,
            'outbox',
            `queue = 'outbound-messages' and data->>'messageId' = $1 and done_at is not null`,
            [messageId],
          )) === 1,
        { what: `send job of ${messageId} finished` },
      );

    it('round trip: reply → Graph send → sent/delivered/read statuses → conversation shows we replied', async () => {
      const conversationId = await conversationWith('5511933330001');
      const inbound = await env.query<{ id: string; wamid: string }>(
        'select id, wamid from messages where conversation_id = $1',
        [conversationId],
      );
      const r = await env
        .api()
        .post(`/api/conversations/${conversationId}/messages`)
        .send({
          type: 'text',
          text: 'Sim, abrimos no sábado das 9h às 13h.',
          replyToMessageId: inbound[0].id,
        })
        .expect(202);
      expect(r.body).toMatchObject({
        direction: 'out',
        type: 'text',
        body: 'Sim, abrimos no sábado das 9h às 13h.',
      });
      const done = await waitFor(
        async () => {
          const m = await message(r.body.id);
          return m.status === 'read' ? m : null;
        },
        { what: 'read status' },
      );
      expect(done.delivered_at).not.toBeNull();
      expect(done.read_at).not.toBeNull();
      const sent = env.sandbox.sent(env.numbers.sales.phoneNumberId).find((s) => s.wamid === done.wamid);
      expect(sent?.request).toMatchObject({
        messaging_product: 'whatsapp',
        to: '5511933330001',
        type: 'text',
        text: { body: 'Sim, abrimos no sábado das 9h às 13h.' },
        context: { message_id: inbound[0].wamid },
        biz_opaque_callback_data: `sb:${r.body.id}`,
      });
      const conv = await env.api().get(`/api/conversations/${conversationId}`).expect(200);
      expect(conv.body).toMatchObject({ lastSpeaker: 'agent', ballInCourt: 'team', waitingSince: null });
    });

    it('refuses free-form text outside the 24-hour window with 409 saying a template is needed', async () => {
      const conversationId = await conversationWith('5511933330002', { secondsAgo: 25 * 3600 });
      const before = env.sandbox.sent().length;
      const r = await env
        .api()
        .post(`/api/conversations/${conversationId}/messages`)
        .send({ type: 'text', text: 'oi?' })
        .expect(409);
      expect(r.body.code).toBe('window_closed');
      expect(r.body.message).toMatch(/24-hour customer service window closed at .*template/);
      expect(env.sandbox.sent().length).toBe(before);
      expect(
        await count(env, 'messages', `conversation_id = $1 and direction = 'out'`, [conversationId]),
      ).toBe(0);
    });

    it('sends an approved template outside the window', async () => {
      const conversationId = await conversationWith('5511933330003', { secondsAgo: 30 * 3600 });
      const r = await env
        .api()
        .post(`/api/conversations/${conversationId}/messages`)
        .send({
          type: 'template',
          template: {
            name: 'order_update',
            language: 'pt_BR',
            bodyParameters: [
              { type: 'text', text: 'Ana' },
              { type: 'text', text: '8841' },
            ],
          },
        })
        .expect(202);
      const m = await waitFor(
        async () => {
          const row = await message(r.body.id);
          return ['sent', 'delivered', 'read'].includes(row.status) ? row : null;
        },
        { what: 'template sent' },
      );
      const sent = env.sandbox.sent().find((s) => s.wamid === m.wamid);
      expect(sent?.request).toMatchObject({
        type: 'template',
        template: { name: 'order_update', language: { code: 'pt_BR' } },
      });
    });

    it('an unknown template is refused with 422 naming it before anything is stored or sent', async () => {
      const conversationId = await conversationWith('5511933330004');
      const before = env.sandbox.sent().length;
      const r = await env
        .api()
        .post(`/api/conversations/${conversationId}/messages`)
        .send({ type: 'template', template: { name: 'does_not_exist', language: 'en_US' } })
        .expect(422);
      expect(r.body).toMatchObject({ code: 'template_not_found', parameter: 'template.name' });
      expect(r.body.message).toMatch(/template does_not_exist does not exist in WABA/);
      expect(
        await count(env, 'messages', `conversation_id = $1 and direction = 'out'`, [conversationId]),
      ).toBe(0);
      expect(env.sandbox.sent().length).toBe(before);
    });

    it('a window Meta considers closed fails asynchronously with 131047', async () => {
      const conversationId = await conversationWith('5511933330005');
      // Meta's clock runs 25 h ahead of ours: we think the window is open, Meta does not.
      metaClockSkewMs = 25 * 3600 * 1000;
      try {
        const r = await env
          .api()
          .post(`/api/conversations/${conversationId}/messages`)
          .send({ type: 'text', text: 'olá' })
          .expect(202);
        const m = await waitFor(
          async () => ((await message(r.body.id)).status === 'failed' ? message(r.body.id) : null),
          { what: '131047' },
        );
        expect(m.wamid).not.toBeNull();
        expect(m.error).toMatchObject({ code: 131047, title: 'Re-engagement message' });
      } finally {
        metaClockSkewMs = 0;
      }
    });

    it('retries 130429 (throughput) with backoff and delivers once', async () => {
      const conversationId = await conversationWith('5511933330006');
      env.sandbox.failNextSends(env.numbers.sales.phoneNumberId, 2, 130429);
      const r = await env
        .api()
        .post(`/api/conversations/${conversationId}/messages`)
        .send({ type: 'text', text: 'depois do limite' })
        .expect(202);
      const m = await waitFor(
        async () => ((await message(r.body.id)).status === 'read' ? message(r.body.id) : null),
        { what: 'delivered after retries' },
      );
      expect(m.error).toBeNull();
      await sendFinished(r.body.id);
      const sends = env.sandbox
        .sent(env.numbers.sales.phoneNumberId)
        .filter((s) => (s.request as { text?: { body?: string } }).text?.body === 'depois do limite');
      // Three Graph calls: two refused with 130429, then one accepted.
      expect(sends.map((s) => [s.httpStatus, s.error?.code ?? null])).toEqual([
        [400, 130429],
        [400, 130429],
        [200, null],
      ]);
      expect(sends[2].wamid).toBe(m.wamid);
      // Exponential backoff from retryBaseMs = 250: at least 250 ms, then at least 500 ms (a fixed backoff gives
      // a second gap near 250). Not gap-against-gap: a slow moment under load can stretch the first gap alone.
      const gaps = [sends[1].receivedAt - sends[0].receivedAt, sends[2].receivedAt - sends[1].receivedAt];
      expect(gaps[0]).toBeGreaterThanOrEqual(250);
      expect(gaps[1]).toBeGreaterThanOrEqual(500);
    });

    it('190 marks the number as needing a new token and later replies are refused with 409', async () => {
      const conversationId = await conversationWith('5511933330007', { number: 'support' });
      env.sandbox.setTokenValid(env.numbers.support.phoneNumberId, false);
      try {
        const r = await env
          .api()
          .post(`/api/conversations/${conversationId}/messages`)
          .send({ type: 'text', text: 'token?' })
          .expect(202);
        const m = await waitFor(async () =>
          (await message(r.body.id)).status === 'failed' ? message(r.body.id) : null,
        );
        expect(m.error?.code).toBe(190);
        const health = await env.query<{ health: string }>(
          'select health from whatsapp_numbers where id = $1',
          [env.numbers.support.id],
        );
        expect(health[0].health).toBe('token_invalid');
        await waitFor(
          async () =>
            (
              await env
                .api()
                .post(`/api/conversations/${conversationId}/messages`)
                .send({ type: 'text', text: 'again' })
            ).status === 409,
          { what: '409 after 190' },
        );
      } finally {
        env.sandbox.setTokenValid(env.numbers.support.phoneNumberId, true);
      }
    });

    it("a send whose response was lost is never re-sent, and Meta's statuses still reconcile it", async () => {
      const conversationId = await conversationWith('5511933330012');
      env.sandbox.loseNextSendResponses(env.numbers.sales.phoneNumberId, 1);
      const r = await env
        .api()
        .post(`/api/conversations/${conversationId}/messages`)
        .send({ type: 'text', text: 'resposta perdida' })
        .expect(202);
      // The statuses carry biz_opaque_callback_data = sb:<our id>, so the wamid is attached and the status lands.
      const m = await waitFor(
        async () => ((await message(r.body.id)).status === 'read' ? message(r.body.id) : null),
        {
          what: 'reconciled by statuses',
        },
      );
      expect(m.wamid).not.toBeNull();
      // It went through `unconfirmed`: the reason stays on the message as history.
      expect(m.error?.title).toMatch(/no response from Graph/);
      // Its job is done (outbox entry closed): a (wrong) retry would have had to happen before this.
      await sendFinished(r.body.id);
      const sends = env.sandbox
        .sent(env.numbers.sales.phoneNumberId)
        .filter((s) => (s.request as { text?: { body?: string } }).text?.body === 'resposta perdida');
      expect(sends).toHaveLength(1);
    });

    it('the same Idempotency-Key never sends twice', async () => {
      const conversationId = await conversationWith('5511933330008');
      const send = () =>
        env
          .api()
          .post(`/api/conversations/${conversationId}/messages`)
          .set('Idempotency-Key', 'key-8841')
          .send({ type: 'text', text: 'uma vez só' })
          .expect(202);
      const [a, b] = [await send(), await send()];
      expect(b.body.id).toBe(a.body.id);
      await waitFor(async () => (await message(a.body.id)).status === 'read');
      expect(
        env.sandbox
          .sent()
          .filter((s) => (s.request as { text?: { body?: string } }).text?.body === 'uma vez só'),
      ).toHaveLength(1);
    });

    it('validates reply bodies with errors that name the field', async () => {
      const conversationId = await conversationWith('5511933330009');
      const empty = await env
        .api()
        .post(`/api/conversations/${conversationId}/messages`)
        .send({ type: 'text', text: '  ' })
        .expect(400);
      expect(empty.body.message).toContain('text: must not be empty');
      const extra = await env
        .api()
        .post(`/api/conversations/${conversationId}/messages`)
        .send({ type: 'text', text: 'x', role: 'admin' })
        .expect(400);
      expect(extra.body.message).toContain('role');
      const long = await env
        .api()
        .post(`/api/conversations/${conversationId}/messages`)
        .send({ type: 'text', text: 'x'.repeat(4097) })
        .expect(400);
      expect(long.body.message).toContain('4096');
      await env
        .api()
        .post('/api/conversations/00000000-0000-7000-8000-000000000000/messages')
        .send({ type: 'text', text: 'x' })
        .expect(404);
    });

    it('statuses never go backwards, whatever order they arrive in', async () => {
      const conversationId = await conversationWith('5511933330010');
      env.sandbox.setWebhookFaults({ reorderStatuses: true });
      try {
        const r = await env
          .api()
          .post(`/api/conversations/${conversationId}/messages`)
          .send({ type: 'text', text: 'fora de ordem' })
          .expect(202);
        const m = await waitFor(async () => ((await message(r.body.id)).wamid ? message(r.body.id) : null));
        // Deliver the statuses ourselves too, newest first, then an old one again.
        for (const status of ['read', 'delivered', 'sent', 'delivered']) {
          await env.sandbox.deliver(
            env.numbers.sales.phoneNumberId,
            messagesEnvelope(env, 'sales', {
              statuses: [{ id: m.wamid, status, timestamp: unixNow(), recipient_id: '5511933330010' }],
            }),
            { retry: false },
          );
        }
        // Every status webhook about this wamid has been acknowledged (the sandbox's own three, reordered, and the
        // four above) and every stored delivery processed: only then is the final status the verdict.
        await waitFor(
          () =>
            env.sandbox.sent(env.numbers.sales.phoneNumberId).find((s) => s.wamid === m.wamid)?.statuses
              .length === 3 && env.sandbox.pendingDeliveries() === 0,
          { what: "the sandbox's own statuses delivered" },
        );
        const events = await waitFor(
          async () => {
            const rows = await env.query<{ status: string }>(
              `select status from inbound_events where raw_body like $1`,
              [`%${m.wamid}%`],
            );
            return rows.length === 7 && rows.every((e) => e.status !== 'pending') ? rows : null;
          },
          { what: 'the seven status deliveries processed' },
        );
        expect(events.map((e) => e.status)).toEqual(Array(7).fill('processed'));
        expect((await message(r.body.id)).status).toBe('read');
      } finally {
        env.sandbox.setWebhookFaults({ reorderStatuses: false });
      }
    });

    it('a status that arrives before its message is kept and applied once the message is known', async () => {
      const conversationId = await conversationWith('5511933330011');
      const early = fakeWamid();
      await env.sandbox.deliver(
        env.numbers.sales.phoneNumberId,
        messagesEnvelope(env, 'sales', {
          statuses: [
            { id: early, status: 'delivered', timestamp: unixNow(), recipient_id: '5511933330011' },
            { id: early, status: 'read', timestamp: unixNow(), recipient_id: '5511933330011' },
          ],
        }),
        { retry: false },
      );
      await waitFor(
        async () =>
          (await count(env, 'message_status_events', 'wamid = $1 and applied_at is null', [early])) === 2,
        { what: 'statuses parked' },
      );
      // No statuses from the sandbox for this send: only the parked ones can make it read.
      env.sandbox.setNextWamid(env.numbers.sales.phoneNumberId, early, { statuses: false });
      const r = await env
        .api()
        .post(`/api/conversations/${conversationId}/messages`)
        .send({ type: 'text', text: 'atrasado' })
        .expect(202);
      const m = await waitFor(
        async () => ((await message(r.body.id)).status === 'read' ? message(r.body.id) : null),
        { what: 'parked statuses applied' },
      );
      expect(m.wamid).toBe(early);
      expect(m.delivered_at).not.toBeNull();
      expect(await count(env, 'message_status_events', 'wamid = $1 and applied_at is null', [early])).toBe(0);
      expect(
        env.sandbox.sent(env.numbers.sales.phoneNumberId).find((s) => s.wamid === early)?.statuses,
      ).toEqual([]);
    });
  },
);
