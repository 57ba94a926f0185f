import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, fakeWamid, messagesEnvelope, unixNow } from './helpers';

interface EventRow {
  status: string;
  failures: { path: string; reason: string }[] | null;
}

interface MessageRow {
  id: string;
  wamid: string | null;
  body: string | null;
  status: string;
  read_at: Date | null;
  edited_at: Date | null;
  revoked_at: Date | null;
}

/**
 * Two apps: the sales number is app A's (its own secret and WABA), the HR number app B's. Every delivery below
 * that tries to reach B's data is signed with A's secret and names A's own number, so it passes the signature
 * and the number check; what it asks for must still stay within A's WABA and number.
 */
describe("one app's deliveries never reach another app's data", () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment();
  });
  afterAll(async () => {
    await env?.close();
  });

  const a = () => env.numbers.sales;
  const b = () => env.numbers.hr;

  /** The stored delivery that carried `marker`, once processed. */
  const event = (marker: string) =>
    waitFor(
      async () =>
        (
          await env.query<EventRow>(
            `select status, failures from inbound_events where raw_body like $1 and status <> 'pending'`,
            [`%${marker}%`],
          )
        )[0],
      { what: `the delivery carrying ${marker} processed` },
    );
  const message = async (where: string, param: string) =>
    (await env.query<MessageRow>(`select * from messages where ${where}`, [param]))[0];
  const stored = (wamid: string) => waitFor(() => message('wamid = $1', wamid), { what: `message ${wamid}` });

  /** B's customer writes to B's number; returns B's conversation id and the stored message. */
  async function writesToB(waId: string, text: string, name = 'Maria Souza') {
    const { wamid } = await env.sandbox.customer(waId, { name, phoneNumberId: b().phoneNumberId }).text(text);
    const stored_ = await stored(wamid);
    const [conversation] = await env.query<{ id: string }>(
      'select conversation_id as id from messages where id = $1',
      [stored_.id],
    );
    return { conversationId: conversation.id, wamid };
  }

  /** A reply on B's conversation that gets `wamid` and no statuses from the sandbox. */
  async function replyOnB(conversationId: string, wamid: string, text: string) {
    env.sandbox.setNextWamid(b().phoneNumberId, wamid, { statuses: false });
    const r = await env
      .api()
      .post(`/api/conversations/${conversationId}/messages`)
      .send({ type: 'text', text })
      .expect(202);
    return r.body.id as string;
  }

  it("cannot rename or renumber the contact B's conversation replies to", async () => {
    const waId = '5511977770001';
    const { conversationId } = await writesToB(waId, 'olá, RH');
    // A reports a new profile name and then a number change for the same wa_id, through A's own number.
    const impostor = env.sandbox.customer(waId, { name: 'Impostor', phoneNumberId: a().phoneNumberId });
    await stored((await impostor.text('oi, vendas')).wamid);
    const { wamid: change } = await impostor.system('user_changed_number', '5511977779999');
    expect((await event(change)).status).toBe('processed');

    const seenByB = await env.api().get(`/api/conversations/${conversationId}`).expect(200);
    expect(seenByB.body.contact).toMatchObject({ waId, name: 'Maria Souza' });
    // Within A's WABA the change applies: A's own contact moved to the new number under the new name.
    const [ofA] = await env.query<{ wa_id: string; profile_name: string }>(
      `select k.wa_id, k.profile_name from contacts k join conversations c on c.contact_id = k.id where c.number_id = $1
        and k.wa_id in ($2, '5511977779999')`,
      [a().id, waId],
    );
    expect(ofA).toEqual({ wa_id: '5511977779999', profile_name: 'Impostor' });

    // B's reply still goes to the number B's customer wrote from.
    await env
      .api()
      .post(`/api/conversations/${conversationId}/messages`)
      .send({ type: 'text', text: 'resposta do RH' })
      .expect(202);
    const sent = await waitFor(
      () =>
        env.sandbox
          .sent(b().phoneNumberId)
          .find((s) => (s.request as { text?: { body?: string } }).text?.body === 'resposta do RH'),
      { what: "B's reply at Graph" },
    );
    expect(sent).toMatchObject({ httpStatus: 200, to: waId });
  });

  it("a number change onto another contact's wa_id in the same WABA is refused visibly", async () => {
    const taken = '5511977770011';
    await stored(
      (await env.sandbox.customer(taken, { phoneNumberId: a().phoneNumberId }).text('sou eu')).wamid,
    );
    const mover = env.sandbox.customer('5511977770012', { phoneNumberId: a().phoneNumberId });
    await stored((await mover.text('oi')).wamid);
    const { wamid } = await mover.system('user_changed_number', taken);
    const ev = await event(wamid);
    expect(ev.status).toBe('partial');
    expect(ev.failures?.map((f) => f.reason)).toEqual([
      `number change to ${taken} refused: another contact of this WhatsApp Business Account already has that wa_id (phone_number_id ${a().phoneNumberId})`,
    ]);
    expect(await count(env, 'contacts', 'wa_id = $1', ['5511977770012'])).toBe(1);
  });

  it("cannot edit or revoke B's message, and says so on A's delivery", async () => {
    const waId = '5511977770002';
    const { wamid: original } = await writesToB(waId, 'mensagem original');
    const impostor = env.sandbox.customer(waId, { phoneNumberId: a().phoneNumberId });
    const { wamid: edit } = await impostor.edit(original, 'mensagem adulterada');
    const { wamid: revoke } = await impostor.revoke(original);

    const edited = await event(edit);
    expect(edited.status).toBe('partial');
    expect(edited.failures?.map((f) => f.reason)).toEqual([
      `edit of wamid ${original} refused: that message was not received on this number (phone_number_id ${a().phoneNumberId})`,
    ]);
    const revoked = await event(revoke);
    expect(revoked.failures?.map((f) => f.reason)).toEqual([
      `revoke of wamid ${original} refused: that message was not received on this number (phone_number_id ${a().phoneNumberId})`,
    ]);
    const m = await message('wamid = $1', original);
    expect(m).toMatchObject({ body: 'mensagem original', edited_at: null, revoked_at: null });
  });

  it("cannot set a status on B's outbound message by its wamid", async () => {
    const { conversationId } = await writesToB('5511977770003', 'preciso de ajuda');
    const wamid = fakeWamid();
    const id = await replyOnB(conversationId, wamid, 'estamos vendo');
    await waitFor(async () => (await message('id = $1', id)).status === 'accepted', { what: 'accepted' });

    await env.sandbox.deliver(
      a().phoneNumberId,
      messagesEnvelope(env, 'sales', {
        statuses: [{ id: wamid, status: 'read', timestamp: unixNow(), recipient_id: '5511977770003' }],
      }),
      { retry: false },
    );
    const ev = await event(wamid);
    expect(ev.status).toBe('failed');
    expect(ev.failures?.map((f) => f.reason)).toEqual([
      `status "read" for wamid ${wamid} refused: that message was not sent from this number (phone_number_id ${a().phoneNumberId})`,
    ]);
    expect(await message('id = $1', id)).toMatchObject({ status: 'accepted', read_at: null });
    expect(await count(env, 'message_status_events', 'wamid = $1', [wamid])).toBe(0);
  });

  it("cannot attach a wamid or a status to B's message through biz_opaque_callback_data", async () => {
    const { conversationId } = await writesToB('5511977770004', 'alguém aí?');
    env.sandbox.loseNextSendResponses(b().phoneNumberId, 1);
    const id = await replyOnB(conversationId, fakeWamid(), 'sim');
    await waitFor(async () => (await message('id = $1', id)).status === 'unconfirmed', {
      what: 'unconfirmed',
    });

    const forged = fakeWamid();
    await env.sandbox.deliver(
      a().phoneNumberId,
      messagesEnvelope(env, 'sales', {
        statuses: [
          {
            id: forged,
            status: 'delivered',
            timestamp: unixNow(),
            recipient_id: '5511977770004',
            biz_opaque_callback_data: `sb:${id}`,
          },
        ],
      }),
      { retry: false },
    );
    const ev = await event(forged);
    expect(ev.status).toBe('failed');
    expect(ev.failures?.map((f) => f.reason)).toEqual([
      `status "delivered" for our message ${id} (biz_opaque_callback_data) refused: that message was not sent from this number (phone_number_id ${a().phoneNumberId})`,
    ]);
    expect(await message('id = $1', id)).toMatchObject({ status: 'unconfirmed', wamid: null });
  });

  it("a status A parked for a wamid is not applied when B's message later gets that wamid", async () => {
    const { conversationId } = await writesToB('5511977770005', 'e o meu pedido?');
    const wamid = fakeWamid();
    await env.sandbox.deliver(
      a().phoneNumberId,
      messagesEnvelope(env, 'sales', {
        statuses: [{ id: wamid, status: 'read', timestamp: unixNow(), recipient_id: '5511977770005' }],
      }),
      { retry: false },
    );
    expect((await event(wamid)).status).toBe('processed');
    expect(await count(env, 'message_status_events', 'wamid = $1 and applied_at is null', [wamid])).toBe(1);

    const id = await replyOnB(conversationId, wamid, 'a caminho');
    // Parked statuses are applied in the same transaction that records the wamid: once it shows, they have run.
    const m = await waitFor(
      async () => ((await message('id = $1', id)).wamid === wamid ? message('id = $1', id) : null),
      {
        what: 'the wamid recorded',
      },
    );
    expect(m).toMatchObject({ status: 'accepted', read_at: null });
    expect(await count(env, 'message_status_events', 'wamid = $1 and applied_at is not null', [wamid])).toBe(
      0,
    );
  });

  it("a wamid A delivered first does not make B's message with that wamid a duplicate", async () => {
    const wamid = fakeWamid();
    const inbound = (text: string, from: string) => ({
      contacts: [{ profile: { name: 'Cliente' }, wa_id: from }],
      messages: [{ from, id: wamid, timestamp: unixNow(), type: 'text', text: { body: text } }],
    });
    await env.sandbox.deliver(
      a().phoneNumberId,
      messagesEnvelope(env, 'sales', inbound('de A', '5511977770006')),
      {
        retry: false,
      },
    );
    await waitFor(() => message(`wamid = $1 and body = 'de A'`, wamid), { what: "A's message stored" });

    const toB = () =>
      env.sandbox.deliver(b().phoneNumberId, messagesEnvelope(env, 'hr', inbound('de B', '5511977770007')), {
        retry: false,
      });
    await toB();
    await waitFor(() => message(`wamid = $1 and body = 'de B'`, wamid), { what: "B's message stored" });
    const placed = await env.query<{ body: string; number_id: string }>(
      `select m.body, c.number_id from messages m join conversations c on c.id = m.conversation_id
        where m.wamid = $1 order by m.body`,
      [wamid],
    );
    expect(placed).toEqual([
      { body: 'de A', number_id: a().id },
      { body: 'de B', number_id: b().id },
    ]);

    // A redelivery to B is still a duplicate: once B's second delivery is processed (not failed), B has it once.
    await toB();
    await waitFor(
      async () =>
        Number(
          (
            await env.query<{ n: number }>(
              `select count(*)::int as n from inbound_events where raw_body like $1 and raw_body like '%de B%' and status = 'processed'`,
              [`%${wamid}%`],
            )
          )[0].n,
        ) === 2,
      { what: "B's redelivery processed" },
    );
    expect(await count(env, 'messages', 'wamid = $1', [wamid])).toBe(2);
  });

  it("an inbound message A stores with B's outbound wamid does not block B's statuses", async () => {
    const { conversationId } = await writesToB('5511977770008', 'cadê a entrega?');
    const wamid = fakeWamid();
    const id = await replyOnB(conversationId, wamid, 'saiu hoje');
    await waitFor(async () => (await message('id = $1', id)).status === 'accepted', { what: 'accepted' });
    await env.sandbox.deliver(
      a().phoneNumberId,
      messagesEnvelope(env, 'sales', {
        contacts: [{ profile: { name: 'Cliente' }, wa_id: '5511977770009' }],
        messages: [
          { from: '5511977770009', id: wamid, timestamp: unixNow(), type: 'text', text: { body: 'eco' } },
        ],
      }),
      { retry: false },
    );
    await waitFor(() => message(`wamid = $1 and direction = 'in'`, wamid), { what: "A's message stored" });

    await env.sandbox.deliver(
      b().phoneNumberId,
      messagesEnvelope(env, 'hr', {
        statuses: [{ id: wamid, status: 'read', timestamp: unixNow(), recipient_id: '5511977770008' }],
      }),
      { retry: false },
    );
    const statusEvent = await waitFor(
      async () =>
        (
          await env.query<EventRow>(
            `select status, failures from inbound_events
              where raw_body like $1 and raw_body like '%"statuses"%' and status <> 'pending'`,
            [`%${wamid}%`],
          )
        )[0],
      { what: "B's status delivery processed" },
    );
    expect(statusEvent).toEqual({ status: 'processed', failures: null });
    expect(await message('id = $1', id)).toMatchObject({ status: 'read' });
  });
});
