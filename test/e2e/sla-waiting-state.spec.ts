import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newConversation } from './support/assignment-fixtures';

/**
 * 🟢/🟡 in a department with no SLA policy: no clock runs, yet the conversation and card APIs show 🟡 while the
 * customer waits (they spoke last and the team has not set the conversation aside) and 🟢 once the team answers,
 * always without a deadline.
 */
const NO_CLOCK = {
  warning: false,
  clockKind: null,
  dueAt: null,
  timeLeftMs: null,
  overdueMs: null,
  paused: false,
};
const YELLOW = { status: 'yellow', ...NO_CLOCK };
const GREEN = { status: 'green', ...NO_CLOCK };

describe('SLA state with no policy', () => {
  let env: TestEnvironment;
  let support: string;

  beforeAll(async () => {
    env = await createTestEnvironment();
    support = env.numbers.support.departmentId;
  });
  afterAll(async () => {
    await env?.close();
  });

  const conversationSla = async (id: string) =>
    (await env.api().get(`/api/conversations/${id}`).expect(200)).body.sla as Record<string, unknown>;
  const cardOf = async (id: string) =>
    (
      await waitFor(
        () => env.query<{ id: string }>('select id from cards where conversation_id = $1', [id]),
        {
          what: 'the card',
        },
      )
    )[0].id;
  const cardSla = async (cardId: string) =>
    (await env.api().get(`/api/cards/${cardId}`).expect(200)).body.sla as Record<string, unknown>;

  it('shows 🟡 while the customer waits and 🟢 once an agent replies, with no deadline', async () => {
    expect((await env.api().get(`/api/departments/${support}/sla-policies`).expect(200)).body).toEqual([]);
    const id = await newConversation(env, 'support', 'meu pedido não chegou');
    const card = await cardOf(id);

    expect(await conversationSla(id)).toEqual(YELLOW);
    expect(await cardSla(card)).toEqual(YELLOW);
    const listed = (
      await env.api().get('/api/conversations').query({ departmentId: support }).expect(200)
    ).body.items.find((c: { id: string }) => c.id === id) as { sla: unknown; lastSpeaker: string };
    expect(listed).toMatchObject({ lastSpeaker: 'customer', sla: YELLOW });

    await env
      .api()
      .post(`/api/conversations/${id}/messages`)
      .send({ type: 'text', text: 'Vou verificar agora' })
      .expect(202);
    await waitFor(async () => (await conversationSla(id)).status === 'green', {
      what: 'green after the reply',
    });
    expect(await conversationSla(id)).toEqual(GREEN);
    expect(await cardSla(card)).toEqual(GREEN);
  });

  it('shows 🟢 when the team set the waiting customer aside: snoozed, card waiting on them, or closed', async () => {
    const snoozed = await newConversation(env, 'support', 'preciso de ajuda');
    expect(await conversationSla(snoozed)).toEqual(YELLOW);
    await env
      .api()
      .post(`/api/conversations/${snoozed}/snooze`)
      .send({ untilCustomerReplies: true })
      .expect(200);
    expect(await conversationSla(snoozed)).toEqual(GREEN);
    expect(await cardSla(await cardOf(snoozed))).toEqual(GREEN);

    const waiting = await newConversation(env, 'support', 'vou mandar a nota fiscal');
    const card = await cardOf(waiting);
    await env.api().post(`/api/cards/${card}/move`).send({ stage: 'waiting' }).expect(200);
    expect(await conversationSla(waiting)).toEqual(GREEN);
    expect(await cardSla(card)).toEqual(GREEN);

    const closed = await newConversation(env, 'support', 'obrigado, era só isso');
    await env.api().post(`/api/conversations/${closed}/close`).send({}).expect(200);
    expect(await conversationSla(closed)).toEqual(GREEN);
    expect(await cardSla(await cardOf(closed))).toEqual(GREEN);
  });
});
