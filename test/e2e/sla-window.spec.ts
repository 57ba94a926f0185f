import { Clock } from '@switchboard/engine';
import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAll, connect, TestSocket } from './support/realtime-client';

/**
 * The 24-hour free-reply window as a deadline, on the controllable clock: a warning an hour before it closes
 * (conversation.window_closing), its close (conversation.window_closed), both moved by a new customer message; the
 * conversation and card APIs show it; after the close a free-form reply is refused (templates only).
 */
const HOUR = 60 * 60 * 1000;
// Whole seconds: WhatsApp stamps messages in seconds, and the window is 24 h from the customer's message.
const T0 = new Date(Math.floor(Date.now() / 1000) * 1000);
const at = (ms: number) => new Date(T0.getTime() + ms).toISOString();

describe('the free-reply window as a deadline', () => {
  let env: TestEnvironment;
  let clock: Clock;
  let admin: TestSocket;
  const meta: { clock?: Clock } = {};

  beforeAll(async () => {
    env = await createTestEnvironment({
      config: { testing: { clock: 'controllable' } },
      // Meta stamps customer messages in the product's (controllable) time.
      sandbox: { now: () => meta.clock?.now().getTime() ?? Date.now() },
    });
    clock = env.app.get(Clock);
    meta.clock = clock;
    clock.set(T0);
    admin = await connect(env.url, env.users.admin.token);
  });

  afterAll(async () => {
    closeAll();
    await env?.close();
  });

  const customerWrites = async (from: string, text: string): Promise<string> => {
    const { wamid } = await env.sandbox
      .customer(from, { phoneNumberId: env.numbers.sales.phoneNumberId })
      .text(text);
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
  };

  /** The window notices the admin's socket received for the conversation, as `change@closesAt`. */
  const notices = (conversationId: string) =>
    admin.seen
      .filter(
        (e) =>
          e.conversationId === conversationId &&
          (e.data.change === 'conversation.window_closing' || e.data.change === 'conversation.window_closed'),
      )
      .map((e) => `${String(e.data.change)}@${String(e.data.closesAt ?? e.data.closedAt)}`);

  /** The window timers set for the conversation, as `kind@dueAt`. */
  const timers = async (conversationId: string) =>
    (
      await env.query<{ kind: string; due_at: Date }>(
        `select kind, due_at from timers where key like $1 order by kind`,
        [`window:${conversationId}:%`],
      )
    ).map((t) => `${t.kind}@${new Date(t.due_at).toISOString()}`);

  it('warns an hour before the close and tells the close, both moved by a new customer message', async () => {
    const id = await customerWrites('5511944440001', 'oi, preciso de ajuda');
    await waitFor(async () => (await timers(id)).length === 2, { what: 'window timers set' });
    // Closes 24 h after the message: the warning at 23 h.
    expect(await timers(id)).toEqual([`window.closed@${at(24 * HOUR)}`, `window.warning@${at(23 * HOUR)}`]);
    const first = await env.api().get(`/api/conversations/${id}`).expect(200);
    expect(first.body.window).toEqual({ closesAt: at(24 * HOUR), open: true, templateOnly: false });

    // Two hours later the customer writes again: the window now closes at 26 h, its warning at 25 h.
    clock.set(new Date(T0.getTime() + 2 * HOUR));
    await customerWrites('5511944440001', 'ainda estou aqui');
    await waitFor(async () => (await timers(id)).includes(`window.closed@${at(26 * HOUR)}`), {
      what: 'window timers moved to the new close',
    });
    expect(await timers(id)).toEqual([`window.closed@${at(26 * HOUR)}`, `window.warning@${at(25 * HOUR)}`]);

    // Past the old warning (23 h), before the new one: nothing is due. At 25 h the warning names the new close.
    clock.set(new Date(T0.getTime() + 23.5 * HOUR));
    clock.set(new Date(T0.getTime() + 25 * HOUR));
    await waitFor(() => notices(id).length > 0, { what: 'window warning on the socket' });
    expect(notices(id)).toEqual([`conversation.window_closing@${at(26 * HOUR)}`]);
    const warned = await env.api().get(`/api/conversations/${id}`).expect(200);
    expect(warned.body.window).toEqual({ closesAt: at(26 * HOUR), open: true, templateOnly: false });

    // At 26 h it closes: the close is told once, the APIs say templates only, a free-form reply is refused.
    clock.set(new Date(T0.getTime() + 26 * HOUR));
    await waitFor(() => notices(id).length > 1, { what: 'window closed on the socket' });
    expect(notices(id)).toEqual([
      `conversation.window_closing@${at(26 * HOUR)}`,
      `conversation.window_closed@${at(26 * HOUR)}`,
    ]);
    expect(await timers(id)).toEqual([]);
    const closed = await env.api().get(`/api/conversations/${id}`).expect(200);
    expect(closed.body.window).toEqual({ closesAt: at(26 * HOUR), open: false, templateOnly: true });
    const [card] = await env.query<{ id: string }>('select id from cards where conversation_id = $1', [id]);
    const cardView = await env.api().get(`/api/cards/${card.id}`).expect(200);
    expect(cardView.body).toMatchObject({
      lastSpeaker: 'customer',
      waitingSince: at(0),
      window: { closesAt: at(26 * HOUR), open: false, templateOnly: true },
    });
    const refused = await env
      .api()
      .post(`/api/conversations/${id}/messages`)
      .send({ type: 'text', text: 'tarde demais' })
      .expect(409);
    expect(refused.body.code).toBe('window_closed');
  });

  it('a closed conversation keeps no window timers; reopened by hand it gets them back for the same close', async () => {
    const now = clock.now().getTime();
    const iso = (ms: number) => new Date(now + ms).toISOString();
    const id = await customerWrites('5511944440002', 'bom dia');
    await waitFor(async () => (await timers(id)).length === 2, { what: 'window timers set' });
    expect(await timers(id)).toEqual([`window.closed@${iso(24 * HOUR)}`, `window.warning@${iso(23 * HOUR)}`]);
    const c = `/api/conversations/${id}`;
    await env.api().post(`${c}/close`).send({}).expect(200);
    await waitFor(async () => (await timers(id)).length === 0, { what: 'window timers cancelled on close' });
    await env.api().post(`${c}/reopen`).send({}).expect(200);
    await waitFor(async () => (await timers(id)).length === 2, { what: 'window timers set again on reopen' });
    expect(await timers(id)).toEqual([`window.closed@${iso(24 * HOUR)}`, `window.warning@${iso(23 * HOUR)}`]);
  });
});
