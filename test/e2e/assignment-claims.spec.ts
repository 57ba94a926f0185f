import { createTestEnvironment, TestEnvironment } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from './helpers';
import { configureAgent, createAgents, newConversation, owners } from './support/assignment-fixtures';

/** Claims and manual assignment: atomic under concurrency, capacity never exceeded, clear refusals. */
describe('assignment: claims and manual assignment', () => {
  let env: TestEnvironment;
  let sales: string;
  let support: string;

  beforeAll(async () => {
    env = await createTestEnvironment();
    sales = env.numbers.sales.departmentId;
    support = env.numbers.support.departmentId;
    // Nothing automatic here: conversations wait until claimed or assigned.
    for (const d of [sales, support])
      await env.api().put(`/api/departments/${d}/queues/default`).send({ strategy: 'manual' }).expect(200);
  });
  afterAll(async () => {
    await env?.close();
  });

  it('50 agents claiming one conversation at once: exactly one wins, the others are told who owns it', async () => {
    const names = Array.from({ length: 50 }, (_, i) => `Claimer${String(i).padStart(2, '0')}`);
    const agents = await createAgents(env, support, names);
    const id = await newConversation(env, 'support');
    const answers = await Promise.all(agents.map((a) => a.as().post(`/api/conversations/${id}/claim`)));
    const won = answers.filter((r) => r.status === 200);
    expect(won).toHaveLength(1);
    const winner = won[0].body.ownerUserId as string;
    expect(agents.map((a) => a.id)).toContain(winner);
    const lost = answers.filter((r) => r.status !== 200);
    expect(lost).toHaveLength(49);
    for (const r of lost) {
      expect(r.status).toBe(409);
      expect(r.body).toMatchObject({ code: 'already_owned', ownerUserId: winner });
      expect(r.body.message).toContain(winner);
    }
    expect(await owners(env, [id])).toEqual([winner]);
    expect(
      await count(
        env,
        'domain_events',
        "name = 'conversation.assigned' and payload->>'conversationId' = $1",
        [id],
      ),
    ).toBe(1);
  });

  it('one agent with capacity 3 claiming 20 conversations at once gets exactly 3', async () => {
    const [agent] = await createAgents(env, sales, ['Capped']);
    await configureAgent(env, sales, agent.id, { capacity: 3 });
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await newConversation(env, 'sales'));
    const answers = await Promise.all(ids.map((id) => agent.as().post(`/api/conversations/${id}/claim`)));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(3);
    const refused = answers.filter((r) => r.status !== 200);
    expect(refused).toHaveLength(17);
    for (const r of refused) {
      expect(r.status).toBe(409);
      expect(r.body).toMatchObject({ code: 'over_capacity', load: 3, capacity: 3 });
    }
    expect((await owners(env, ids)).filter((o) => o === agent.id)).toHaveLength(3);
  });

  it('claim refusals: another department is 404, a closed conversation 409; claiming your own again is 200', async () => {
    const id = await newConversation(env, 'sales');
    await env.as('supportAgent').post(`/api/conversations/${id}/claim`).expect(404);
    await env.as('viewer').post(`/api/conversations/${id}/claim`).expect(403);
    const mine = await env.as('salesAgent').post(`/api/conversations/${id}/claim`).expect(200);
    expect(mine.body).toEqual({ conversationId: id, ownerUserId: env.users.salesAgent.id });
    await env.as('salesAgent').post(`/api/conversations/${id}/claim`).expect(200);
    await env.as('salesAgent').post(`/api/conversations/${id}/close`).send({}).expect(200);
    const closed = await env.as('salesSupervisor').post(`/api/conversations/${id}/claim`).expect(409);
    expect(closed.body.code).toBe('closed');
  });

  it('manual assignment: to an agent of the department, refused for others and over capacity, null returns it', async () => {
    const [full] = await createAgents(env, sales, ['Full']);
    await configureAgent(env, sales, full.id, { capacity: 1 });
    const first = await newConversation(env, 'sales');
    const second = await newConversation(env, 'sales');
    const assign = (id: string, userId: string | null) =>
      env.as('salesSupervisor').put(`/api/conversations/${id}/assignee`).send({ userId });

    const ok = await assign(first, full.id).expect(200);
    expect(ok.body).toEqual({ conversationId: first, ownerUserId: full.id });
    const before = await owners(env, [first, second]);

    const stranger = await assign(second, env.users.supportAgent.id).expect(422);
    expect(stranger.body).toMatchObject({ code: 'not_in_department', userId: env.users.supportAgent.id });
    expect(stranger.body.message).toContain(env.users.supportAgent.id);
    const viewer = await assign(second, env.users.viewer.id).expect(422);
    expect(viewer.body.code).toBe('not_in_department');
    const over = await assign(second, full.id).expect(409);
    expect(over.body).toMatchObject({ code: 'over_capacity', userId: full.id, load: 1, capacity: 1 });
    await env
      .as('salesAgent')
      .put(`/api/conversations/${second}/assignee`)
      .send({ userId: full.id })
      .expect(403);
    await env
      .as('supportAgent')
      .put(`/api/conversations/${second}/assignee`)
      .send({ userId: full.id })
      .expect(403);
    await env.api().put(`/api/conversations/${second}/assignee`).send({ userId: 'nobody' }).expect(400);
    expect(await owners(env, [first, second])).toEqual(before);

    // Back to the queue: unowned, waiting again, and the agent can take the other one.
    await assign(first, null).expect(200);
    const waiting = (await env.as('salesAgent').get(`/api/departments/${sales}/queue`).expect(200)).body;
    expect(waiting.map((w: { conversationId: string }) => w.conversationId)).toContain(first);
    await assign(second, full.id).expect(200);
    expect(await owners(env, [first, second])).toEqual([null, full.id]);
  });
});
