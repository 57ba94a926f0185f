import type { RealtimeEnvelope } from '@switchboard/engine';
import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, closeAll, connect, TestSocket } from './support/realtime-client';

/**
 * Unread counts per reader: each user's own mark (POST /api/conversations/:id/read) on each conversation, the
 * customer messages after it counted in the list and the single view (up to 100), a `conversation.read` socket
 * event to the reader's own sockets only, and the department scope on all of it.
 */
type Actor = 'salesAgent' | 'salesSupervisor' | 'supportAgent' | 'admin';

interface Listed {
  id: string;
  unreadCount: number;
}
interface Message {
  id: string;
  direction: 'in' | 'out';
}

describe('unread counts and read marks', () => {
  let env: TestEnvironment;
  let seq = 0;
  const newWaId = () => `55119876${String(++seq).padStart(5, '0')}`;

  const messages = async (id: string) =>
    (await env.api().get(`/api/conversations/${id}/messages`).query({ limit: 500 }).expect(200)).body
      .items as Message[];
  const inbound = async (id: string) => (await messages(id)).filter((m) => m.direction === 'in');

  /** The customer writes `texts` one by one; answers the conversation once all are stored. */
  async function customerWrites(waId: string, ...texts: string[]): Promise<string> {
    const customer = env.sandbox.customer(waId, { phoneNumberId: env.numbers.sales.phoneNumberId });
    for (const text of texts) await customer.text(text);
    const [row] = await waitFor(
      () =>
        env.query<{ id: string }>(
          `select c.id from conversations c join contacts k on k.id = c.contact_id
            where k.wa_id = $1 and (select count(*) from messages m where m.conversation_id = c.id) >= $2`,
          [waId, texts.length],
        ),
      { what: `the messages of ${waId}` },
    );
    return row.id;
  }

  /** Waits until the conversation holds `count` customer messages. */
  const stored = (id: string, count: number) =>
    waitFor(async () => (await inbound(id)).length >= count || null, { what: `${count} customer messages` });

  const single = async (as: Actor, id: string) =>
    ((await env.as(as).get(`/api/conversations/${id}`).expect(200)).body as Listed).unreadCount;
  const listed = async (as: Actor, id: string) => {
    const items = (await env.as(as).get('/api/conversations').query({ limit: 200 }).expect(200)).body
      .items as Listed[];
    return items.find((c) => c.id === id)?.unreadCount;
  };
  /** Both the list and the single view, which must agree. */
  const unread = async (as: Actor, id: string) => {
    const [one, inList] = [await single(as, id), await listed(as, id)];
    expect(inList).toBe(one);
    return one;
  };
  const read = (as: Actor, id: string, body?: object) => {
    const req = env.as(as).post(`/api/conversations/${id}/read`);
    return body ? req.send(body) : req;
  };
  const readEvents = (s: TestSocket) =>
    s.seen.filter((e: RealtimeEnvelope) => e.type === 'conversation.read');

  beforeAll(async () => {
    env = await createTestEnvironment();
  });
  afterAll(async () => {
    closeAll();
    await env?.close();
  });

  it("counts customer messages after each reader's own mark; another reader's read changes nothing", async () => {
    const waId = newWaId();
    const id = await customerWrites(waId, 'oi', 'tudo bem?', 'queria um orçamento');
    expect(await unread('salesAgent', id)).toBe(3);
    expect(await unread('salesSupervisor', id)).toBe(3);

    // Our own replies are not unread.
    await env
      .as('salesAgent')
      .post(`/api/conversations/${id}/messages`)
      .send({ type: 'text', text: 'Olá!' })
      .expect(202);
    await waitFor(async () => (await messages(id)).length === 4 || null, { what: 'the reply stored' });
    expect(await unread('salesAgent', id)).toBe(3);

    const [, , third] = await inbound(id);
    const answer = await read('salesAgent', id).expect(200);
    expect(answer.body).toEqual({
      conversationId: id,
      unreadCount: 0,
      lastReadMessageId: third.id,
      lastReadMessageAt: expect.any(String),
    });
    expect(await unread('salesAgent', id)).toBe(0);
    expect(await unread('salesSupervisor', id)).toBe(3);

    const customer = env.sandbox.customer(waId, { phoneNumberId: env.numbers.sales.phoneNumberId });
    await customer.text('ainda aí?');
    await customer.text('alô');
    await stored(id, 5);
    expect(await unread('salesAgent', id)).toBe(2);
    expect(await unread('salesSupervisor', id)).toBe(5);
  });

  it('reads up to a given message and never moves back; a message of another conversation is refused', async () => {
    const id = await customerWrites(newWaId(), 'um', 'dois', 'três', 'quatro');
    const [one, two, , four] = await inbound(id);

    const upToTwo = await read('salesSupervisor', id, { messageId: two.id }).expect(200);
    expect(upToTwo.body).toMatchObject({ unreadCount: 2, lastReadMessageId: two.id });
    const upToFour = await read('salesSupervisor', id, { messageId: four.id }).expect(200);
    expect(upToFour.body).toMatchObject({ unreadCount: 0, lastReadMessageId: four.id });
    // A late request from another tab, up to an older message: the mark stays.
    const late = await read('salesSupervisor', id, { messageId: one.id }).expect(200);
    expect(late.body).toMatchObject({ unreadCount: 0, lastReadMessageId: four.id });
    expect(await unread('salesSupervisor', id)).toBe(0);

    const other = await customerWrites(newWaId(), 'de outra conversa');
    const [foreign] = await inbound(other);
    const refused = await read('salesSupervisor', id, { messageId: foreign.id }).expect(400);
    expect(refused.body.message).toMatch(/messageId/);
    const unknownField = await read('salesSupervisor', id, { upTo: four.id }).expect(400);
    expect(unknownField.body.message).toMatch(/upTo/);
    const notUuid = await read('salesSupervisor', id, { messageId: 'quatro' }).expect(400);
    expect(notUuid.body.message).toMatch(/messageId/);
    expect(await unread('salesSupervisor', other)).toBe(1);
  });

  it('another department can neither read the count nor mark the conversation', async () => {
    const id = await customerWrites(newWaId(), 'só vendas');
    await env.as('supportAgent').get(`/api/conversations/${id}`).expect(404);
    await read('supportAgent', id).expect(404);
    const rows = await env.query('select 1 from conversation_reads where reader_id = $1', [
      env.users.supportAgent.id,
    ]);
    expect(rows).toEqual([]);
    const items = (await env.as('supportAgent').get('/api/conversations').query({ limit: 200 }).expect(200))
      .body.items as Listed[];
    expect(items.map((c) => c.id)).not.toContain(id);
    expect(await unread('salesAgent', id)).toBe(1);
  });

  it("tells the reader's own sockets (every tab), not another user's, nor the conversation's room", async () => {
    const waId = newWaId();
    const id = await customerWrites(waId, 'alguém aí?');
    const tab1 = await connect(env.url, env.users.salesAgent.token);
    const tab2 = await connect(env.url, env.users.salesAgent.token);
    const supervisor = await connect(env.url, env.users.salesSupervisor.token);
    // The supervisor views the conversation: its room must not carry the agent's reads.
    expect((await ask(supervisor.socket, 'join', { conversation: id })).ok).toBe(true);

    await read('salesAgent', id).expect(200);
    const [lastMessage] = (await inbound(id)).slice(-1);
    for (const tab of [tab1, tab2]) {
      await waitFor(() => readEvents(tab).length > 0 || null, { what: 'conversation.read in each tab' });
      expect(readEvents(tab).map((e) => e.data)).toEqual([
        {
          conversationId: id,
          unreadCount: 0,
          lastReadMessageId: lastMessage.id,
          lastReadMessageAt: expect.any(String),
          lastMessageId: lastMessage.id,
        },
      ]);
    }

    // Reading again moves nothing and tells nobody; a new message read then does. The supervisor's own read of
    // another conversation is the marker: events go out in order, so by the time it arrives, any of the agent's
    // reads sent to the supervisor would have too.
    await read('salesAgent', id).expect(200);
    await env.sandbox.customer(waId, { phoneNumberId: env.numbers.sales.phoneNumberId }).text('oi?');
    await stored(id, 2);
    expect(await unread('salesAgent', id)).toBe(1);
    await read('salesAgent', id).expect(200);
    const marker = await customerWrites(newWaId(), 'marcador');
    await read('salesSupervisor', marker).expect(200);
    await waitFor(() => readEvents(supervisor).some((e) => e.data.conversationId === marker) || null, {
      what: "the supervisor's own event",
    });
    expect(readEvents(supervisor).map((e) => e.data.conversationId)).toEqual([marker]);
    for (const tab of [tab1, tab2]) {
      await waitFor(() => readEvents(tab).length >= 2 || null, { what: 'the second read in each tab' });
      expect(readEvents(tab).map((e) => [e.data.conversationId, e.data.unreadCount])).toEqual([
        [id, 0],
        [id, 0],
      ]);
    }
  });

  it('stops counting at 100, so a flood costs no more to list', async () => {
    const waId = newWaId();
    const id = await customerWrites(waId, 'primeira');
    await env.sandbox.sendBatch(
      env.numbers.sales.phoneNumberId,
      Array.from({ length: 104 }, (_, i) => ({ type: 'text' as const, body: `mensagem ${i}` })),
      { from: [waId] },
    );
    await stored(id, 105);
    expect(await unread('salesAgent', id)).toBe(100);
    expect((await read('salesAgent', id).expect(200)).body.unreadCount).toBe(0);
    expect(await unread('salesAgent', id)).toBe(0);
  });

  it('filters by label through the GIN index, with the same results', async () => {
    const vip = await customerWrites(newWaId(), 'cliente vip');
    const plain = await customerWrites(newWaId(), 'cliente comum');
    await env
      .api()
      .post(`/api/conversations/${vip}/labels`)
      .send({ add: ['vip', 'pago'] })
      .expect(200);
    await env
      .api()
      .post(`/api/conversations/${plain}/labels`)
      .send({ add: ['pago'] })
      .expect(200);
    const ids = async (label: string) =>
      (
        (await env.api().get('/api/conversations').query({ label, limit: 200 }).expect(200)).body
          .items as Listed[]
      )
        .map((c) => c.id)
        .sort();
    expect(await ids('vip')).toEqual([vip]);
    expect(await ids('pago')).toEqual([vip, plain].sort());
    expect(await ids('VIP')).toEqual([vip]);
    expect(await ids('nenhum')).toEqual([]);

    // With a handful of rows the planner scans anyway; forbidding the scan shows the index can serve the filter.
    await env.db.query('begin');
    try {
      await env.db.query('set local enable_seqscan = off');
      const plan = await env.db.query<{ 'QUERY PLAN': string }>(
        `explain select id from conversations c where c.labels @> array['vip'::text]`,
      );
      expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('conversations_labels');
    } finally {
      await env.db.query('rollback');
    }
  });
});
