import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Idempotency-Key on replies: scoped to the conversation, so departments never collide on a key. */
describe('Idempotency-Key on replies', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment();
  });
  afterAll(async () => {
    await env?.close();
  });

  async function conversationWith(waId: string, number: 'sales' | 'support') {
    await env.sandbox.customer(waId).withNumber(env.numbers[number].phoneNumberId).text('Olá');
    const rows = await waitFor(() =>
      env.query<{ id: string }>(
        `select c.id from conversations c join contacts k on k.id = c.contact_id
         where k.wa_id = $1 and c.department_id = $2`,
        [waId, env.numbers[number].departmentId],
      ),
    );
    return rows[0].id;
  }
  const reply = (conversationId: string, key: string, text: string) =>
    env
      .api()
      .post(`/api/conversations/${conversationId}/messages`)
      .set('Idempotency-Key', key)
      .send({ type: 'text', text });
  const sentTexts = (text: string) =>
    env.sandbox.sent().filter((s) => (s.request as { text?: { body?: string } }).text?.body === text);

  it("another department's conversation may use the same key: both replies are accepted and sent", async () => {
    const sales = await conversationWith('5511944440001', 'sales');
    const support = await conversationWith('5511944440002', 'support');
    const a = await reply(sales, 'order-77', 'resposta de vendas');
    const b = await reply(support, 'order-77', 'resposta do suporte');
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(b.body.id).not.toBe(a.body.id);
    expect(b.body.conversationId ?? support).toBe(support);
    const rows = await env.query<{ conversation_id: string; body: string }>(
      `select conversation_id, body from messages where client_key = 'order-77' order by conversation_id`,
    );
    expect(rows.map((r) => [r.conversation_id, r.body]).sort()).toEqual(
      [
        [sales, 'resposta de vendas'],
        [support, 'resposta do suporte'],
      ].sort(),
    );
    await waitFor(
      () => sentTexts('resposta de vendas').length === 1 && sentTexts('resposta do suporte').length === 1,
      {
        what: 'both replies reached the Graph API',
      },
    );
  });

  it('the same conversation and key replays the first message, also when the repeats race', async () => {
    const conversationId = await conversationWith('5511944440003', 'sales');
    const first = await reply(conversationId, 'retry-1', 'uma vez');
    expect(first.status).toBe(202);
    const repeats = await Promise.all([1, 2, 3, 4].map(() => reply(conversationId, 'retry-1', 'uma vez')));
    for (const r of repeats) {
      expect(r.status).toBe(202);
      expect(r.body.id).toBe(first.body.id);
    }
    const raced = await Promise.all([1, 2, 3, 4].map(() => reply(conversationId, 'retry-2', 'em paralelo')));
    expect(raced.map((r) => r.status)).toEqual([202, 202, 202, 202]);
    expect(new Set(raced.map((r) => r.body.id)).size).toBe(1);
    const rows = await env.query<{ n: number }>(
      `select count(*)::int as n from messages where conversation_id = $1 and client_key in ('retry-1', 'retry-2')`,
      [conversationId],
    );
    expect(rows[0].n).toBe(2);
    // Each message reaches the Graph API once: wait for the later one to be read, then count both.
    await waitFor(
      async () =>
        (
          await env.query<{ status: string }>('select status from messages where id = $1', [raced[0].body.id])
        )[0].status === 'read',
      { what: 'the raced reply was read' },
    );
    expect(sentTexts('uma vez')).toHaveLength(1);
    expect(sentTexts('em paralelo')).toHaveLength(1);
  });
});
