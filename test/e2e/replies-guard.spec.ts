import { Clock } from '@switchboard/engine';
import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from './helpers';
import { configureAgent, createAgents, TestAgent } from './support/assignment-fixtures';

/**
 * Who may answer and change a conversation: a reply takes an unowned one only as a claim would (capacity), actions
 * on a colleague's conversation need its owner or a supervisor, permissions are checked again on the locked row,
 * a reopen race is a 409, and a contact's attributes change only with rights in every department it writes to.
 */
describe('reply and action guards', () => {
  let env: TestEnvironment;
  let sales: string;
  let support: string;
  let colleague: TestAgent;
  let n = 0;

  beforeAll(async () => {
    env = await createTestEnvironment({ config: { testing: { clock: 'controllable' } } });
    sales = env.numbers.sales.departmentId;
    support = env.numbers.support.departmentId;
    // Nothing automatic: conversations wait until someone takes them.
    for (const d of [sales, support])
      await env.api().put(`/api/departments/${d}/queues/default`).send({ strategy: 'manual' }).expect(200);
    [colleague] = await createAgents(env, sales, ['Colleague']);
  });
  afterAll(async () => {
    await env?.close();
  });

  const newWaId = () =>
    `55118${String(Date.now() % 1000000).padStart(6, '0')}${String(n++).padStart(2, '0')}`;

  /** The customer writes on `number`; resolves to the conversation holding the message once stored. */
  async function customerWrites(waId: string, text: string, number: 'sales' | 'support' = 'sales') {
    await env.sandbox.customer(waId).withNumber(env.numbers[number].phoneNumberId).text(text);
    const [row] = await waitFor(
      async () => {
        const r = await env.query<{ conversation_id: string }>(
          `select m.conversation_id from messages m join conversations c on c.id = m.conversation_id
             join contacts k on k.id = c.contact_id where k.wa_id = $1 and m.body = $2`,
          [waId, text],
        );
        return r.length ? r : null;
      },
      { what: `message "${text}" from ${waId} stored` },
    );
    return row.conversation_id;
  }

  const owner = async (id: string) =>
    (
      await env.query<{ owner_user_id: string | null }>(
        'select owner_user_id from conversations where id = $1',
        [id],
      )
    )[0].owner_user_id;
  const outbound = (id: string) => count(env, 'messages', `conversation_id = $1 and direction = 'out'`, [id]);

  it("an agent's reply takes an unowned conversation only under their capacity: over it 409 over_capacity, nothing sent", async () => {
    const [capped] = await createAgents(env, sales, ['ReplyCapped']);
    await configureAgent(env, sales, capped.id, { capacity: 1 });
    const first = await customerWrites(newWaId(), 'primeiro pedido');
    const second = await customerWrites(newWaId(), 'segundo pedido');

    await capped
      .as()
      .post(`/api/conversations/${first}/messages`)
      .send({ type: 'text', text: 'Oi' })
      .expect(202);
    expect(await owner(first)).toBe(capped.id);

    const over = await capped
      .as()
      .post(`/api/conversations/${second}/messages`)
      .send({ type: 'text', text: 'Oi também' })
      .expect(409);
    expect(over.body).toMatchObject({ code: 'over_capacity', userId: capped.id, load: 1, capacity: 1 });
    expect(over.body.message).toContain('nothing was sent');
    expect(await outbound(second)).toBe(0);
    expect(await owner(second)).toBeNull();
    expect(
      await count(
        env,
        'domain_events',
        "name = 'conversation.assigned' and payload->>'conversationId' = $1",
        [second],
      ),
    ).toBe(0);

    // An admin (no agent role there) answers without taking it; the conversation stays in the queue.
    await env
      .api()
      .post(`/api/conversations/${second}/messages`)
      .send({ type: 'text', text: 'admin' })
      .expect(202);
    expect(await owner(second)).toBeNull();
    expect(await outbound(second)).toBe(1);
  });

  it("the 24-hour window is judged by the product's clock, not the host's", async () => {
    const clock = env.app.get(Clock);
    const id = await customerWrites(newWaId(), 'janela pelo relógio');
    try {
      clock.set(new Date(Date.now() + 25 * 60 * 60 * 1000));
      const closed = await env
        .as('salesAgent')
        .post(`/api/conversations/${id}/messages`)
        .send({ type: 'text', text: 'tarde demais' })
        .expect(409);
      expect(closed.body.code).toBe('window_closed');
      expect(await outbound(id)).toBe(0);
    } finally {
      clock.set(new Date());
    }
  });

  it("a colleague's conversation is its owner's to change: another agent gets 409 not_owner, a supervisor may", async () => {
    const id = await customerWrites(newWaId(), 'quero trocar o plano');
    await env
      .as('salesAgent')
      .post(`/api/conversations/${id}/messages`)
      .send({ type: 'text', text: 'Oi' })
      .expect(202);
    expect(await owner(id)).toBe(env.users.salesAgent.id);

    const attempts = [
      colleague.as().post(`/api/conversations/${id}/close`).send({}),
      colleague.as().post(`/api/conversations/${id}/snooze`).send({ untilCustomerReplies: true }),
      colleague.as().put(`/api/conversations/${id}/priority`).send({ priority: 'urgent' }),
      colleague
        .as()
        .post(`/api/conversations/${id}/labels`)
        .send({ add: ['vip'] }),
      colleague.as().post(`/api/conversations/${id}/transfer`).send({ departmentId: support }),
    ];
    for (const attempt of attempts) {
      const r = await attempt.expect(409);
      expect(r.body).toMatchObject({ code: 'not_owner', ownerUserId: env.users.salesAgent.id });
    }
    const [row] = await env.query<Record<string, unknown>>(
      `select status, priority, labels, department_id, snoozed_until_reply from conversations where id = $1`,
      [id],
    );
    expect(row).toEqual({
      status: 'open',
      priority: 'normal',
      labels: [],
      department_id: sales,
      snoozed_until_reply: false,
    });

    await env
      .as('salesSupervisor')
      .put(`/api/conversations/${id}/priority`)
      .send({ priority: 'high' })
      .expect(200);
    await env
      .as('salesAgent')
      .post(`/api/conversations/${id}/labels`)
      .send({ add: ['vip'] })
      .expect(200);
    await env.as('salesAgent').post(`/api/conversations/${id}/close`).send({}).expect(200);
  });

  it('checks the permission again on the locked row: a transfer committed meanwhile makes the close a 404', async () => {
    const id = await customerWrites(newWaId(), 'fecha por favor');
    const holder = new Client({ connectionString: env.runtime.config.database.url });
    await holder.connect();
    try {
      // A transfer in flight: it holds the row while it moves the conversation to support.
      await holder.query('begin');
      await holder.query('select 1 from conversations where id = $1 for update', [id]);
      const close = env
        .as('salesAgent')
        .post(`/api/conversations/${id}/close`)
        .send({})
        .then((r) => r);
      await waitFor(
        async () =>
          (
            await env.query<{ n: number }>(
              `select count(*)::int as n from pg_locks where not granted and locktype in ('transactionid', 'tuple')`,
            )
          )[0].n > 0 || null,
        { what: 'the close waiting for the row' },
      );
      await holder.query('update conversations set department_id = $1 where id = $2', [support, id]);
      await holder.query('commit');
      const answer = await close;
      expect(answer.status).toBe(404);
      const [row] = await env.query<{ status: string }>('select status from conversations where id = $1', [
        id,
      ]);
      expect(row.status).toBe('open');
    } finally {
      await holder.end();
    }
  });

  it('a reopen that loses the race to another reopen of the same contact is a 409, never a 500', async () => {
    const waId = newWaId();
    const a = await customerWrites(waId, 'conversa a');
    await env.as('salesSupervisor').post(`/api/conversations/${a}/close`).send({}).expect(200);
    const b = await customerWrites(waId, 'conversa b');
    expect(b).not.toBe(a);
    await env.as('salesSupervisor').post(`/api/conversations/${b}/close`).send({}).expect(200);
    for (let round = 0; round < 6; round++) {
      const answers = await Promise.all(
        [a, b].map((id) => env.as('salesSupervisor').post(`/api/conversations/${id}/reopen`).send({})),
      );
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      const refused = answers.find((r) => r.status === 409)!;
      expect(refused.body.message).toContain('only one can be open at a time');
      const opened = answers[0].status === 200 ? a : b;
      await env.as('salesSupervisor').post(`/api/conversations/${opened}/close`).send({}).expect(200);
    }
  });

  it("a contact's attributes change only with reply or routing rights in every department it writes to", async () => {
    const waId = newWaId();
    const a = await customerWrites(waId, 'vendas primeiro');
    await env.as('salesSupervisor').post(`/api/conversations/${a}/close`).send({}).expect(200);
    const b = await customerWrites(waId, 'depois suporte');
    await env.api().post(`/api/conversations/${b}/transfer`).send({ departmentId: support }).expect(204);
    const [{ contact_id: contact }] = await env.query<{ contact_id: string }>(
      'select contact_id from conversations where id = $1',
      [a],
    );

    const refused = await env
      .as('salesAgent')
      .put(`/api/contacts/${contact}/attributes`)
      .send({ attributes: { plan: 'gold' } })
      .expect(403);
    expect(refused.body.message).toContain('routing.manage');
    const [row] = await env.query<{ attributes: unknown }>('select attributes from contacts where id = $1', [
      contact,
    ]);
    expect(row.attributes).toEqual({});
    await env
      .api()
      .put(`/api/contacts/${contact}/attributes`)
      .send({ attributes: { plan: 'gold' } })
      .expect(200);
  });
});
