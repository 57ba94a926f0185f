import { createTestEnvironment, TestEnvironment } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from './helpers';

describe('teams inside departments', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('a supervisor manages teams of their department only, with members who belong to it', async () => {
    const sales = env.numbers.sales.departmentId;
    const made = await env
      .as('salesSupervisor')
      .post('/api/teams')
      .send({ departmentId: sales, name: 'Key accounts' })
      .expect(201);
    expect(made.body).toMatchObject({ departmentId: sales, name: 'Key accounts', members: [] });
    await env
      .as('salesSupervisor')
      .post('/api/teams')
      .send({ departmentId: sales, name: 'key ACCOUNTS' })
      .expect(409);
    await env
      .as('salesSupervisor')
      .post('/api/teams')
      .send({ departmentId: env.numbers.support.departmentId, name: 'Elsewhere' })
      .expect(404);
    await env
      .as('salesAgent')
      .post('/api/teams')
      .send({ departmentId: sales, name: 'Agents cannot' })
      .expect(403);
    await env
      .as('salesSupervisor')
      .post('/api/teams')
      .send({ departmentId: sales, name: 'X', isDefault: true })
      .expect(400);

    const withAgent = await env
      .as('salesSupervisor')
      .put(`/api/teams/${made.body.id}/members`)
      .send({ userIds: [env.users.salesAgent.id, env.users.admin.id] })
      .expect(200);
    expect(withAgent.body.members.map((m: { email: string }) => m.email).sort()).toEqual([
      env.users.admin.email,
      env.users.salesAgent.email,
    ]);
    const refused = await env
      .as('salesSupervisor')
      .put(`/api/teams/${made.body.id}/members`)
      .send({ userIds: [env.users.supportAgent.id] })
      .expect(400);
    expect(refused.body.message).toContain(env.users.supportAgent.id);
    expect(await count(env, 'team_members', 'team_id = $1', [made.body.id])).toBe(2);

    const seenBySales = (await env.as('salesAgent').get('/api/teams').expect(200)).body as { name: string }[];
    expect(seenBySales.map((t) => t.name)).toEqual(['Key accounts']);
    expect((await env.as('supportAgent').get('/api/teams').expect(200)).body).toEqual([]);
    await env.as('supportAgent').delete(`/api/teams/${made.body.id}`).expect(403);
    await env.as('salesSupervisor').delete(`/api/teams/${made.body.id}`).expect(204);
    expect(await count(env, 'teams')).toBe(0);
    const actions = await env.query<{ action: string }>(
      `select action from audit_events where action like 'team.%' order by at`,
    );
    expect(actions.map((a) => a.action)).toEqual(['team.created', 'team.members.changed', 'team.deleted']);
  });
});
