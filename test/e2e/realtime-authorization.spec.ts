import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, closeAll, connect, settled, TestSocket } from './support/realtime-client';

/**
 * The socket authorization walk: for every socket event type, a socket of another department (support) — refused
 * when it asks for the sales department's room or a sales conversation's room — receives nothing of sales. Each
 * event is triggered through public routes and webhooks; a later event in support is the marker proving the
 * support socket would have had it by then (one channel, in order).
 *
 * Written by hand: the socket event types of docs/architecture.md (Realtime) and the triggers below.
 * Covered: message.created, message.status, conversation.created, conversation.updated (routed, assigned,
 * unassigned, priority, labels, snooze, closed, reopened, transferred out of sales), card.updated (created, moved,
 * a note), agent.availability, presence. Not covered: a take-over (POST /take-over, covered for its previous owner
 * in realtime-gateway.spec.ts), claims, routing rule actions.
 */
let env: TestEnvironment;
let foreign: TestSocket;
let admin: TestSocket;

beforeAll(async () => {
  env = await createTestEnvironment({ config: { realtime: { revalidateSeconds: 3600 } } });
});

afterAll(async () => {
  closeAll();
  await env?.close();
});

let phone = 5511955550000;
const customer = (dept: 'sales' | 'support', text: string, from = String(++phone)) =>
  env.sandbox.customer(from, { phoneNumberId: env.numbers[dept].phoneNumberId }).text(text);

async function conversationOf(wamid: string): Promise<string> {
  const row = await waitFor(
    async () =>
      (
        await env.query<{ conversation_id: string }>(
          'select conversation_id from messages where wamid = $1',
          [wamid],
        )
      )[0],
    { what: `message ${wamid} stored` },
  );
  return row.conversation_id;
}

/** A support customer message: once the foreign socket has it, it would have had anything emitted before. */
async function marker(): Promise<void> {
  const { wamid } = await customer('support', 'marcador');
  await conversationOf(wamid);
  await settled(env);
  const [m] = await env.query<{ id: string }>('select id from messages where wamid = $1', [wamid]);
  await waitFor(() => foreign.seen.some((e) => e.data.messageId === m.id), { what: 'support marker' });
}

describe('socket authorization walk', () => {
  it('no event of sales ever reaches a support socket, whose requests for sales rooms are refused', async () => {
    const { sales, support } = env.numbers;
    foreign = await connect(env.url, env.users.supportAgent.token);
    admin = await connect(env.url, env.users.admin.token);
    const agent = await connect(env.url, env.users.salesAgent.token);

    // Refusals: the sales department room, and (below) a sales conversation's room, read as not found.
    expect(await ask(foreign.socket, 'join', { department: sales.departmentId })).toEqual({
      ok: false,
      status: 404,
      error: `department ${sales.departmentId} not found`,
    });

    // message.created, conversation.created, conversation.updated (routed), card.updated (created).
    const { wamid } = await customer('sales', 'pedido de vendas');
    const conversationId = await conversationOf(wamid);
    expect(await ask(foreign.socket, 'join', { conversation: conversationId })).toEqual({
      ok: false,
      status: 404,
      error: `conversation ${conversationId} not found`,
    });
    expect(await ask(foreign.socket, 'typing', { conversationId, typing: true })).toMatchObject({
      ok: false,
      status: 403,
    });
    await settled(env);

    const as = () => env.as('salesSupervisor');
    const c = `/api/conversations/${conversationId}`;
    const ok = (r: { status: number; text: string }, what: string) =>
      expect(r.status, `${what}: ${r.text}`).toBeLessThan(300);
    // conversation.updated (assigned), then message.created (sent) and message.status: the owner's reply, then the
    // sandbox's delivery statuses.
    ok(await as().put(`${c}/assignee`).send({ userId: env.users.salesAgent.id }), 'assign');
    ok(await env.as('salesAgent').post(`${c}/messages`).send({ type: 'text', text: 'olá!' }), 'reply');
    // conversation.updated: priority, labels, snooze, unassigned, closed, reopened.
    ok(await as().put(`${c}/priority`).send({ priority: 'high' }), 'priority');
    ok(
      await as()
        .post(`${c}/labels`)
        .send({ add: ['vip'] }),
      'labels',
    );
    ok(await as().post(`${c}/snooze`).send({ untilCustomerReplies: true }), 'snooze');
    ok(await as().delete(`${c}/snooze`), 'unsnooze');
    ok(await as().put(`${c}/assignee`).send({ userId: null }), 'unassign');
    ok(await as().post(`${c}/close`).send({}), 'close');
    ok(await as().post(`${c}/reopen`).send({}), 'reopen');
    // card.updated: moved and updated, on the conversation's card.
    const [card] = await env.query<{ id: string }>('select id from cards where conversation_id = $1', [
      conversationId,
    ]);
    ok(await as().post(`/api/cards/${card.id}/move`).send({ stage: 'in_progress' }), 'move');
    ok(await as().post(`/api/cards/${card.id}/notes`).send({ text: 'nota' }), 'note');
    // agent.availability of a sales agent.
    await env.as('salesAgent').put('/api/me/availability').send({ status: 'online' }).expect(200);
    // presence in the sales conversation's room.
    expect((await ask(agent.socket, 'join', { conversation: conversationId })).ok).toBe(true);
    expect(await ask(agent.socket, 'viewing', { conversationId, viewing: true })).toEqual({ ok: true });
    await settled(env);
    await marker();

    // What sales produced (seen by the admin, who reads every department), written out by hand as expectations.
    const salesTypes = new Set(
      admin.seen
        .filter((e) => e.departmentId === sales.departmentId)
        .map((e) => `${e.type}/${String(e.data.change ?? '')}`),
    );
    for (const wanted of [
      'message.created/message.received',
      'conversation.created/conversation.opened',
      'card.updated/card.created',
      'message.created/message.sent',
      'message.status/message.status',
      'card.updated/card.moved',
      'conversation.updated/conversation.assigned',
      'conversation.updated/conversation.unassigned',
      'conversation.updated/conversation.updated',
      'conversation.updated/conversation.closed',
      'conversation.updated/conversation.reopened',
      'agent.availability/agent.availability',
    ])
      expect(salesTypes, wanted).toContain(wanted);
    expect(agent.seen.some((e) => e.type === 'presence')).toBe(true);

    // The support socket: only support events.
    expect(foreign.seen.filter((e) => e.departmentId !== support.departmentId)).toEqual([]);
    expect(foreign.seen.filter((e) => e.conversationId === conversationId)).toEqual([]);

    // conversation.transferred out of sales into hr: still nothing for support.
    ok(await as().post(`${c}/transfer`).send({ departmentId: env.numbers.hr.departmentId }), 'transfer');
    await marker();
    expect(foreign.seen.filter((e) => e.departmentId !== support.departmentId)).toEqual([]);
  });
});
