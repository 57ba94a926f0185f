import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, fakeWamid, messagesEnvelope, unixNow } from './helpers';

interface Row {
  id: string;
  type: string;
  body: string | null;
  content: Record<string, never>;
  media: Record<string, unknown> | null;
  reply_to_wamid: string | null;
  edited_at: Date | null;
  revoked_at: Date | null;
  direction: string;
  status: string;
}

describe.each(['postgres', 'redis'] as const)(
  'inbound messages: every type, duplicates, batches (%s queue backend)',
  (queue) => {
    let env: TestEnvironment;
    beforeAll(async () => {
      env = await createTestEnvironment({ queue });
    });
    afterAll(async () => {
      await env?.close();
    });

    const stored = (wamid: string) =>
      waitFor(async () => (await env.query<Row>('select * from messages where wamid = $1', [wamid]))[0], {
        what: `message ${wamid}`,
      });

    it('stores every inbound type with its content', async () => {
      const c = env.sandbox.customer('5511911110001', { name: 'Bia' });
      const text = await stored((await c.text('Quero um orçamento')).wamid);
      expect(text).toMatchObject({
        type: 'text',
        body: 'Quero um orçamento',
        direction: 'in',
        status: 'received',
      });

      const loc = await stored(
        (
          await c.location({
            latitude: -23.561414,
            longitude: -46.655881,
            name: 'MASP',
            address: 'Av. Paulista, 1578',
          })
        ).wamid,
      );
      expect(loc.type).toBe('location');
      expect(loc.content.location).toMatchObject({
        latitude: -23.561414,
        longitude: -46.655881,
        name: 'MASP',
      });

      const contacts = await stored(
        (
          await c.contacts([
            {
              name: { formatted_name: 'Carlos Lima', first_name: 'Carlos' },
              phones: [{ phone: '+55 21 99876-5432', wa_id: '5521998765432', type: 'CELL' }],
            },
          ])
        ).wamid,
      );
      expect(contacts.body).toBe('Carlos Lima');

      const button = await stored(
        (await c.buttonReply({ id: 'confirm-8841', title: 'Confirmar' }, text.id)).wamid,
      );
      expect(button.content.interactive).toMatchObject({
        kind: 'button_reply',
        id: 'confirm-8841',
        title: 'Confirmar',
      });

      const list = await stored(
        (await c.listReply({ id: 'ship_express', title: 'Expresso', description: 'Amanhã' })).wamid,
      );
      expect(list.content.interactive).toMatchObject({
        kind: 'list_reply',
        id: 'ship_express',
        description: 'Amanhã',
      });

      const flow = await stored((await c.flowReply('{"flow_token":"ftok-1","rating":"5"}')).wamid);
      expect(flow.content.interactive).toMatchObject({
        kind: 'nfm_reply',
        response: { flow_token: 'ftok-1', rating: '5' },
        responseError: null,
      });
      const badFlow = await stored((await c.flowReply('{not json')).wamid);
      expect((badFlow.content.interactive as { responseError: string }).responseError).toMatch(
        /not valid JSON/,
      );

      const tpl = await stored(
        (await c.templateButton({ payload: 'STOP_PROMOS', text: 'Parar promoções' })).wamid,
      );
      expect(tpl).toMatchObject({ type: 'button', body: 'Parar promoções' });
      expect(tpl.content.button).toEqual({ payload: 'STOP_PROMOS', text: 'Parar promoções' });

      const order = await stored(
        (
          await c.order([{ product_retailer_id: 'SKU-1', quantity: 2, item_price: 39.9, currency: 'BRL' }], {
            text: 'Hoje?',
          })
        ).wamid,
      );
      expect(order).toMatchObject({ type: 'order', body: 'Hoje?' });

      const unsupported = await stored((await c.unsupported('poll')).wamid);
      expect(unsupported.type).toBe('unsupported');
      expect(unsupported.content.unsupported).toMatchObject({ kind: 'poll' });
      expect((unsupported.content.errors as unknown as { code: number }[])[0].code).toBe(131051);

      const welcome = await stored((await env.sandbox.customer('5511911110009').requestWelcome()).wamid);
      expect(welcome.type).toBe('request_welcome');
    });

    it('reactions, edits and revokes act on the original message', async () => {
      const c = env.sandbox.customer('5511911110002');
      const original = await stored((await c.text('primeira versão')).wamid);
      const originalWamid = (
        await env.query<{ wamid: string }>('select wamid from messages where id = $1', [original.id])
      )[0].wamid;

      const reaction = await stored((await c.reaction(originalWamid, '👍')).wamid);
      expect(reaction.content.reaction).toEqual({ targetWamid: originalWamid, emoji: '👍' });
      const unreact = await stored((await c.reaction(originalWamid, '')).wamid);
      expect(unreact.content.reaction).toEqual({ targetWamid: originalWamid, emoji: null });

      await stored((await c.edit(originalWamid, 'segunda versão')).wamid);
      const edited = await stored(originalWamid);
      expect(edited.body).toBe('segunda versão');
      expect(edited.edited_at).not.toBeNull();

      await stored((await c.revoke(originalWamid)).wamid);
      expect((await stored(originalWamid)).revoked_at).not.toBeNull();
    });

    it("a changed number updates the contact's wa_id", async () => {
      const c = env.sandbox.customer('5511911110003');
      await stored((await c.text('oi')).wamid);
      const sys = await stored((await c.system('user_changed_number', '5511911119999')).wamid);
      expect(sys.type).toBe('system');
      expect(await count(env, 'contacts', 'wa_id = $1', ['5511911119999'])).toBe(1);
    });

    it('downloads media into storage and serves it as an attachment', async () => {
      const bytes = Buffer.from('%PDF-1.4 comprovante de pagamento');
      const { wamid } = await env.sandbox.customer('5511911110004').document({
        filename: 'comprovante-pix.pdf',
        caption: 'Comprovante',
        mimeType: 'application/pdf',
        bytes,
      });
      const row = await waitFor(
        async () => {
          const r = await stored(wamid);
          return r.media?.state === 'stored' ? r : null;
        },
        { what: 'media stored' },
      );
      expect(row.media).toMatchObject({
        filename: 'comprovante-pix.pdf',
        mimeType: 'application/pdf',
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('base64'),
      });
      const res = await env
        .api()
        .get(`/api/messages/${row.id}/media`)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (d: Buffer) => chunks.push(d));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(Buffer.compare(res.body as Buffer, bytes)).toBe(0);
      expect(res.headers['content-disposition']).toContain('attachment');
      expect(res.headers['x-content-type-options']).toBe('nosniff');

      for (const send of [
        () => env.sandbox.customer('5511911110004').image({ caption: 'foto' }),
        () => env.sandbox.customer('5511911110004').audio({ voice: true }),
        () => env.sandbox.customer('5511911110004').video({ caption: 'vídeo' }),
        () => env.sandbox.customer('5511911110004').sticker({ animated: false }),
      ]) {
        const w = (await send()).wamid;
        await waitFor(async () => (await stored(w)).media?.state === 'stored', { what: `media of ${w}` });
      }
      const voice = await env.query<{ media: { voice: boolean } }>(
        `select media from messages where type = 'audio'`,
      );
      expect(voice[0].media.voice).toBe(true);
    });

    it('a BSUID-only sender (no wa_id) still becomes a contact and a card', async () => {
      const wamid = fakeWamid();
      await env.sandbox.deliver(
        env.numbers.support.phoneNumberId,
        messagesEnvelope(env, 'support', {
          contacts: [
            { profile: { name: 'Username User', username: 'user.name' }, user_id: 'BR.8412093375510264' },
          ],
          messages: [
            {
              from_user_id: 'BR.8412093375510264',
              id: wamid,
              timestamp: unixNow(),
              type: 'text',
              text: { body: 'sem número' },
            },
          ],
        }),
        { retry: false },
      );
      await stored(wamid);
      const contact = await env.query<{ wa_id: string | null; username: string }>(
        'select wa_id, username from contacts where bsuid = $1',
        ['BR.8412093375510264'],
      );
      expect(contact[0]).toEqual({ wa_id: null, username: 'user.name' });
    });

    it('stores a message of a type it does not know as unsupported, with a note', async () => {
      const wamid = fakeWamid();
      await env.sandbox.deliver(
        env.numbers.sales.phoneNumberId,
        messagesEnvelope(env, 'sales', {
          messages: [
            {
              from: '5511911110005',
              id: wamid,
              timestamp: unixNow(),
              type: 'hologram',
              hologram: { depth: 3 },
            },
          ],
        }),
        { retry: false },
      );
      const row = await stored(wamid);
      expect(row.type).toBe('unsupported');
      expect(row.content.unsupported).toMatchObject({ kind: 'hologram' });
    });

    it('a duplicate delivery (also concurrent) produces one message', async () => {
      const wamid = fakeWamid();
      const payload = messagesEnvelope(env, 'sales', {
        contacts: [{ profile: { name: 'Dup' }, wa_id: '5511911110006' }],
        messages: [
          { from: '5511911110006', id: wamid, timestamp: unixNow(), type: 'text', text: { body: 'uma vez' } },
        ],
      });
      const results = await Promise.all(
        [1, 2, 3, 4].map(() =>
          env.sandbox.deliver(env.numbers.sales.phoneNumberId, payload, { retry: false }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      await waitFor(
        async () =>
          (await count(env, 'inbound_events', `raw_body like $1 and status = 'pending'`, [`%${wamid}%`])) ===
          0,
      );
      expect(await count(env, 'messages', 'wamid = $1', [wamid])).toBe(1);
      expect(
        await count(env, 'conversations c join contacts k on k.id = c.contact_id', 'k.wa_id = $1', [
          '5511911110006',
        ]),
      ).toBe(1);
      expect(
        await count(
          env,
          'cards k join conversations c on c.id = k.conversation_id join contacts ct on ct.id = c.contact_id',
          'ct.wa_id = $1',
          ['5511911110006'],
        ),
      ).toBe(1);
    });

    it('a 1,000-message batch in one POST becomes 1,000 messages', async () => {
      const before = await count(env, 'messages');
      const from = Array.from({ length: 50 }, (_, i) => `55119222${String(i).padStart(5, '0')}`);
      const specs = Array.from({ length: 1000 }, (_, i) => ({
        type: 'text' as const,
        body: `mensagem ${i}`,
      }));
      const { wamids, results } = await env.sandbox.sendBatch(env.numbers.support.phoneNumberId, specs, {
        from,
      });
      expect(results).toHaveLength(1);
      expect(results[0].status).toBe(200);
      await waitFor(async () => (await count(env, 'messages')) - before === 1000, {
        timeoutMs: 60_000,
        what: '1000 messages',
      });
      expect(new Set(wamids).size).toBe(1000);
      expect(await count(env, 'messages', 'wamid = any($1)', [wamids])).toBe(1000);
      // 50 senders → 50 conversations, each with one card in "new".
      expect(
        await count(env, 'conversations c join contacts k on k.id = c.contact_id', 'k.wa_id = any($1)', [
          from,
        ]),
      ).toBe(50);
      expect(
        await count(
          env,
          `cards k join pipeline_stages s on s.id = k.stage_id join conversations c on c.id = k.conversation_id join contacts ct on ct.id = c.contact_id`,
          `s.key = 'new' and ct.wa_id = any($1)`,
          [from],
        ),
      ).toBe(50);
    });

    it('a transient database error (deadlock, serialization) is retried, never recorded as a bad item', async () => {
      // The first two inserts of this message fail with SQLSTATE 40001; a sequence is not rolled back, so the third passes.
      await env.query(`create sequence flaky_seq`);
      await env.query(`create function flaky() returns trigger language plpgsql as $$
        begin
          if new.body = 'flaky' and nextval('flaky_seq') <= 2 then
            raise exception 'simulated serialization failure' using errcode = '40001';
          end if;
          return new;
        end $$`);
      await env.query(`create trigger flaky before insert on messages for each row execute function flaky()`);
      try {
        const { wamid } = await env.sandbox.customer('5511911110010').text('flaky');
        const row = await stored(wamid);
        expect(row.body).toBe('flaky');
        const ev = await env.query<{ status: string; failures: unknown }>(
          `select status, failures from inbound_events where raw_body like $1`,
          [`%${wamid}%`],
        );
        expect(ev[0]).toEqual({ status: 'processed', failures: null });
        expect(
          Number((await env.query<{ last_value: string }>('select last_value from flaky_seq'))[0].last_value),
        ).toBeGreaterThanOrEqual(3);
      } finally {
        await env.query('drop trigger flaky on messages');
        await env.query('drop function flaky');
        await env.query('drop sequence flaky_seq');
      }
    });

    it('a bad entry in a batch does not lose the others and is kept visibly as failed', async () => {
      const good1 = fakeWamid();
      const good2 = fakeWamid();
      const nul = fakeWamid();
      await env.query(
        `alter table messages add constraint test_no_poison check (body is distinct from 'poison')`,
      );
      const payload = messagesEnvelope(env, 'sales', {
        messages: [
          { from: '5511911110007', id: good1, timestamp: unixNow(), type: 'text', text: { body: 'boa 1' } },
          {
            from: '5511911110007',
            id: fakeWamid(),
            timestamp: 'yesterday',
            type: 'text',
            text: { body: 'ruim' },
          },
          { from: '5511911110007', id: fakeWamid(), timestamp: unixNow(), type: 'image', image: {} },
          { from: '5511911110007', id: good2, timestamp: unixNow(), type: 'text', text: { body: 'boa 2' } },
          // A database rule (added below) rejects this one: the batch falls back to item-by-item savepoints.
          {
            from: '5511911110007',
            id: fakeWamid(),
            timestamp: unixNow(),
            type: 'text',
            text: { body: 'poison' },
          },
          // PostgreSQL cannot store NUL: kept, with U+FFFD in its place.
          {
            from: '5511911110007',
            id: nul,
            timestamp: unixNow(),
            type: 'text',
            text: { body: 'nul \u0000 byte' },
          },
        ],
        statuses: [{ id: 'wamid.x', status: 'teleported', timestamp: unixNow() }],
      });
      await env.sandbox.deliver(env.numbers.sales.phoneNumberId, payload, { retry: false });
      await stored(good1);
      await stored(good2);
      const ev = await waitFor(
        async () =>
          (
            await env.query<{ status: string; failures: { path: string; reason: string }[] }>(
              `select status, failures from inbound_events where raw_body like $1 and status <> 'pending'`,
              [`%${good1}%`],
            )
          )[0],
      );
      expect(ev.status).toBe('partial');
      expect(ev.failures.map((f) => f.path)).toEqual([
        'entry[0].changes[0].value.messages[1]',
        'entry[0].changes[0].value.messages[2]',
        'entry[0].changes[0].value.statuses[0]',
        'entry[0].changes[0].value.messages[4]',
      ]);
      expect(ev.failures[3].reason).toMatch(/^could not be stored: .*test_no_poison/);
      expect((await stored(nul)).body).toBe('nul \ufffd byte');
      await env.query('alter table messages drop constraint test_no_poison');
      expect(ev.failures[0].reason).toContain('timestamp');
      expect(ev.failures[2].reason).toContain('unknown status "teleported"');
    });

    it('shows partial deliveries through the API and replays them once the cause is fixed', async () => {
      await env.query(
        `alter table messages add constraint test_no_blocked check (body is distinct from 'bloqueada')`,
      );
      const ok = fakeWamid();
      const blocked = fakeWamid();
      await env.sandbox.deliver(
        env.numbers.support.phoneNumberId,
        messagesEnvelope(env, 'support', {
          messages: [
            { from: '5511911110011', id: ok, timestamp: unixNow(), type: 'text', text: { body: 'passa' } },
            {
              from: '5511911110011',
              id: blocked,
              timestamp: unixNow(),
              type: 'text',
              text: { body: 'bloqueada' },
            },
          ],
        }),
        { retry: false },
      );
      await stored(ok);
      const partial = await waitFor(async () => {
        const page = await env
          .api()
          .get('/api/inbound-events')
          .query({ status: 'partial', limit: 200 })
          .expect(200);
        return (page.body.items as { id: string; failures: { path: string; reason: string }[] }[]).find((e) =>
          e.failures.some((f) => f.path.endsWith('messages[1]')),
        );
      });
      expect(partial.failures[0].reason).toContain('test_no_blocked');
      const detail = await env.api().get(`/api/inbound-events/${partial.id}`).expect(200);
      expect(detail.body.rawBody).toContain(blocked);

      await env.query('alter table messages drop constraint test_no_blocked');
      await env.api().post(`/api/inbound-events/${partial.id}/replay`).expect(202);
      expect((await stored(blocked)).body).toBe('bloqueada');
      const after = await waitFor(async () => {
        const r = await env.api().get(`/api/inbound-events/${partial.id}`).expect(200);
        return r.body.status === 'processed' ? r.body : null;
      });
      expect(after.failures).toEqual([]);
      expect(await count(env, 'messages', 'wamid = any($1)', [[ok, blocked]])).toBe(2);
      await env.api().post('/api/inbound-events/00000000-0000-7000-8000-000000000000/replay').expect(404);
    });

    it('lists conversations with card stage, last message and waiting state', async () => {
      const { wamid } = await env.sandbox
        .customer('5511911110008', { name: 'Lia' })
        .withNumber(env.numbers.hr.phoneNumberId)
        .text('Preciso do holerite');
      await stored(wamid);
      const hr = await env
        .api()
        .get('/api/conversations')
        .query({ departmentId: env.numbers.hr.departmentId })
        .expect(200);
      expect(hr.body.items).toHaveLength(1);
      const conv = hr.body.items[0];
      expect(conv).toMatchObject({
        department: { key: 'hr' },
        card: { stageKey: 'new' },
        lastSpeaker: 'customer',
        ballInCourt: 'customer_waiting',
        lastMessage: { body: 'Preciso do holerite', direction: 'in' },
      });
      expect(Date.parse(conv.waitingSince)).toBeGreaterThan(Date.now() - 60_000);
      const msgs = await env.api().get(`/api/conversations/${conv.id}/messages`).expect(200);
      expect(msgs.body.items.map((m: { body: string }) => m.body)).toEqual(['Preciso do holerite']);
      await env.api().get('/api/conversations/00000000-0000-7000-8000-000000000000').expect(404);
      await env.api().get('/api/conversations?limit=0').expect(400);
      const paged = await env.api().get('/api/conversations?limit=2').expect(200);
      expect(paged.body.items).toHaveLength(2);
      const next = await env
        .api()
        .get(`/api/conversations?limit=2&cursor=${paged.body.nextCursor}`)
        .expect(200);
      expect(next.body.items[0].id).not.toBe(paged.body.items[1].id);
    });
  },
);
