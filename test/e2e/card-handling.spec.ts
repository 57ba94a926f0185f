import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The cards API carries its conversation's owner (id and display name), priority and labels: on one card, a page
 * of cards and the board, changed by assignment, priority and label calls and back when the owner lets go.
 */
interface Handling {
  id: string;
  conversationId: string;
  owner: { id: string; name: string } | null;
  priority: string;
  labels: string[];
  sla: { status: string };
}

describe('cards carry their conversation owner, priority and labels', () => {
  let env: TestEnvironment;
  let ana: Handling;
  let bruno: Handling;
  let pipelineId: string;

  async function customerWrites(waId: string, name: string): Promise<Handling> {
    await env.sandbox
      .customer(waId, { phoneNumberId: env.numbers.sales.phoneNumberId, name })
      .text('Quero um orçamento');
    const [row] = await waitFor(
      () =>
        env.query<{ id: string }>(
          `select k.id from cards k join conversations c on c.id = k.conversation_id
             join contacts ct on ct.id = c.contact_id where ct.wa_id = $1`,
          [waId],
        ),
      { what: `the card of ${name}` },
    );
    return card(row.id);
  }

  const card = async (id: string) =>
    (await env.as('salesAgent').get(`/api/cards/${id}`).expect(200)).body as Handling;
  const listed = async (query: Record<string, string>) =>
    (
      (await env.as('salesAgent').get('/api/cards').query(query).expect(200)).body as {
        items: Handling[];
      }
    ).items;
  const onBoard = async (id: string) => {
    const board = (await env.as('salesAgent').get(`/api/pipelines/${pipelineId}/board`).expect(200)).body as {
      columns: { cards: Handling[] }[];
    };
    return board.columns.flatMap((c) => c.cards).find((c) => c.id === id);
  };
  /** The fields this spec is about, as one value to compare. */
  const handling = (c: Handling | undefined) =>
    c && { owner: c.owner, priority: c.priority, labels: [...c.labels].sort() };

  beforeAll(async () => {
    env = await createTestEnvironment();
    // Nobody is assigned by the queue: this spec assigns by hand.
    await env
      .api()
      .put(`/api/departments/${env.numbers.sales.departmentId}/queues/default`)
      .send({ strategy: 'manual' })
      .expect(200);
    ana = await customerWrites('5511977770001', 'Ana Prado');
    bruno = await customerWrites('5511977770002', 'Bruno Reis');
    const pipelines = (await env.as('salesAgent').get('/api/pipelines').expect(200)).body as {
      id: string;
      isDefault: boolean;
    }[];
    pipelineId = pipelines.find((p) => p.isDefault)!.id;
  });
  afterAll(async () => {
    await env?.close();
  });

  it('a new card has no owner, normal priority and no labels', async () => {
    expect(handling(ana)).toEqual({ owner: null, priority: 'normal', labels: [] });
    expect(ana.sla.status).toBe('yellow');
  });

  it('an assignment, a priority and labels show on the card, its page and the board', async () => {
    const agent = env.users.salesAgent;
    await env
      .as('salesSupervisor')
      .put(`/api/conversations/${ana.conversationId}/assignee`)
      .send({ userId: agent.id })
      .expect(200);
    await env
      .as('salesAgent')
      .put(`/api/conversations/${ana.conversationId}/priority`)
      .send({ priority: 'urgent' })
      .expect(200);
    await env
      .as('salesAgent')
      .post(`/api/conversations/${ana.conversationId}/labels`)
      .send({ add: ['vip', 'renewal'] })
      .expect(200);

    // The seeded agent's display name is its key.
    const expected = {
      owner: { id: agent.id, name: 'salesAgent' },
      priority: 'urgent',
      labels: ['renewal', 'vip'],
    };
    expect(handling(await card(ana.id))).toEqual(expected);
    const page = await listed({ pipelineId });
    expect(handling(page.find((c) => c.id === ana.id))).toEqual(expected);
    expect(handling(page.find((c) => c.id === bruno.id))).toEqual({
      owner: null,
      priority: 'normal',
      labels: [],
    });
    expect(handling(await onBoard(ana.id))).toEqual(expected);
  });

  it('filters by owner, priority and label answer the same cards', async () => {
    const ids = async (query: Record<string, string>) =>
      (await listed({ pipelineId, ...query })).map((c) => c.id);
    expect(await ids({ assignee: env.users.salesAgent.id })).toEqual([ana.id]);
    expect(await ids({ assignee: 'none' })).toEqual([bruno.id]);
    expect(await ids({ priority: 'urgent' })).toEqual([ana.id]);
    expect(await ids({ label: 'vip' })).toEqual([ana.id]);
  });

  it('returned to the queue and relabelled, the card says so', async () => {
    await env
      .as('salesSupervisor')
      .put(`/api/conversations/${ana.conversationId}/assignee`)
      .send({ userId: null })
      .expect(200);
    await env
      .as('salesAgent')
      .post(`/api/conversations/${ana.conversationId}/labels`)
      .send({ remove: ['vip'] })
      .expect(200);
    await env
      .as('salesAgent')
      .put(`/api/conversations/${ana.conversationId}/priority`)
      .send({ priority: 'high' })
      .expect(200);
    expect(handling(await card(ana.id))).toEqual({ owner: null, priority: 'high', labels: ['renewal'] });
  });

  it('an agent of another department cannot read the card', async () => {
    await env.as('supportAgent').get(`/api/cards/${ana.id}`).expect(404);
  });
});
