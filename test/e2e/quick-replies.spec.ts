import { createTestEnvironment, TestEnvironment } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface AuditRow {
  action: string;
  actor_id: string | null;
  target_id: string;
  department_id: string;
  details: Record<string, unknown>;
}

describe('quick replies: shared per department, read by its agents, edited by its supervisors, audited', () => {
  let env: TestEnvironment;
  let sales: string;
  let hr: string;

  beforeAll(async () => {
    env = await createTestEnvironment();
    sales = env.numbers.sales.departmentId;
    hr = env.numbers.hr.departmentId;
    // HR only for its members: an admin without a role there does not see it.
    await env.api().patch(`/api/departments/${hr}`).send({ membersOnly: true }).expect(200);
  });
  afterAll(async () => {
    await env?.close();
  });

  const audit = (targetId: string) =>
    env.query<AuditRow>(
      `select action, actor_id, target_id, department_id, details from audit_events
        where target_type = 'quick_reply' and target_id = $1 order by at`,
      [targetId],
    );

  it('a supervisor adds replies; agents and viewers of the department read them sorted by shortcut', async () => {
    const zeta = await env
      .as('salesSupervisor')
      .post(`/api/departments/${sales}/quick-replies`)
      .send({ shortcut: 'Zeta', title: 'Goodbye', text: 'Thanks {{contact.name}}, bye!' })
      .expect(201);
    expect(zeta.body).toEqual({
      id: expect.any(String),
      departmentId: sales,
      shortcut: 'zeta',
      title: 'Goodbye',
      text: 'Thanks {{contact.name}}, bye!',
      updatedAt: expect.any(String),
    });
    await env
      .as('salesSupervisor')
      .post(`/api/departments/${sales}/quick-replies`)
      .send({ shortcut: 'alpha', title: 'Hello', text: 'Hi, I am {{ agent.name }}.' })
      .expect(201);

    for (const actor of ['salesAgent', 'viewer', 'salesSupervisor'] as const) {
      const list = await env.as(actor).get(`/api/departments/${sales}/quick-replies`).expect(200);
      expect(list.body.map((r: { shortcut: string }) => r.shortcut)).toEqual(['alpha', 'zeta']);
    }
    expect(await audit(zeta.body.id)).toEqual([
      {
        action: 'quick_reply.created',
        actor_id: env.users.salesSupervisor.id,
        target_id: zeta.body.id,
        department_id: sales,
        details: { shortcut: 'zeta', title: 'Goodbye' },
      },
    ]);
  });

  it('another department sees nothing (404), an agent may not edit (403), a members-only department hides from admins', async () => {
    await env.as('supportAgent').get(`/api/departments/${sales}/quick-replies`).expect(404);
    const [reply] = (await env.as('salesAgent').get(`/api/departments/${sales}/quick-replies`).expect(200))
      .body as { id: string }[];
    // A manager of another department (a token with routing.manage in Support only) cannot reach Sales' replies.
    const token = await env
      .api()
      .post('/api/api-tokens')
      .send({
        name: 'support-admin',
        permissions: ['routing.manage', 'conversations.read'],
        departmentIds: [env.numbers.support.departmentId],
      })
      .expect(201);
    const supportManager = () => env.anonymous().set('Authorization', `Bearer ${token.body.token}`);
    await supportManager().get(`/api/departments/${sales}/quick-replies`).expect(404);
    await supportManager().patch(`/api/quick-replies/${reply.id}`).send({ title: 'Mine' }).expect(404);
    await supportManager().delete(`/api/quick-replies/${reply.id}`).expect(404);
    await supportManager()
      .post(`/api/departments/${sales}/quick-replies`)
      .send({ shortcut: 'x', title: 'x', text: 'x' })
      .expect(404);

    const refused = await env
      .as('salesAgent')
      .post(`/api/departments/${sales}/quick-replies`)
      .send({ shortcut: 'x', title: 'x', text: 'x' })
      .expect(403);
    expect(refused.body.message).toBe('your role does not include the permission routing.manage');
    await env.as('salesAgent').patch(`/api/quick-replies/${reply.id}`).send({ title: 'Mine' }).expect(403);
    await env.as('salesAgent').delete(`/api/quick-replies/${reply.id}`).expect(403);

    await env.api().get(`/api/departments/${hr}/quick-replies`).expect(404);
    await env
      .api()
      .post(`/api/departments/${hr}/quick-replies`)
      .send({ shortcut: 'hr', title: 'HR', text: 'HR' })
      .expect(404);
    await env.api().get('/api/departments/00000000-0000-4000-8000-000000000000/quick-replies').expect(404);
  });

  it('bad input is refused naming the field; a taken shortcut is 409', async () => {
    const post = (body: Record<string, unknown>) =>
      env.as('salesSupervisor').post(`/api/departments/${sales}/quick-replies`).send(body);
    const placeholder = await post({ shortcut: 'p', title: 'P', text: 'Hi {{contact.phone}}' }).expect(400);
    expect(placeholder.body.problems).toEqual([
      { field: 'text', problem: 'unknown placeholder; only {{contact.name}}, {{agent.name}}' },
    ]);
    const shortcut = await post({ shortcut: 'has space', title: 'S', text: 'S' }).expect(400);
    expect(shortcut.body.problems.map((p: { field: string }) => p.field)).toEqual(['shortcut']);
    const long = await post({ shortcut: 'long', title: 'T'.repeat(81), text: 'x'.repeat(2001) }).expect(400);
    expect(long.body.problems.map((p: { field: string }) => p.field)).toEqual(['title', 'text']);
    const extra = await post({ shortcut: 'e', title: 'E', text: 'E', departmentId: sales }).expect(400);
    expect(extra.body.message).toBe('(body): unknown field(s): departmentId');
    const taken = await post({ shortcut: 'ALPHA', title: 'Again', text: 'Again' }).expect(409);
    expect(taken.body.message).toBe('shortcut: "alpha" is already used in this department');
  });

  it('a supervisor edits and deletes; each change is audited with what changed', async () => {
    const created = await env
      .as('salesSupervisor')
      .post(`/api/departments/${sales}/quick-replies`)
      .send({ shortcut: 'price', title: 'Price', text: 'It costs 10.' })
      .expect(201);
    const id: string = created.body.id;
    const edited = await env
      .as('salesSupervisor')
      .patch(`/api/quick-replies/${id}`)
      .send({ text: 'It costs 12.' })
      .expect(200);
    expect(edited.body).toMatchObject({ shortcut: 'price', title: 'Price', text: 'It costs 12.' });
    const clash = await env
      .as('salesSupervisor')
      .patch(`/api/quick-replies/${id}`)
      .send({ shortcut: 'zeta' })
      .expect(409);
    expect(clash.body.message).toBe('shortcut: "zeta" is already used in this department');
    await env.as('salesSupervisor').delete(`/api/quick-replies/${id}`).expect(204);
    await env.as('salesSupervisor').delete(`/api/quick-replies/${id}`).expect(404);
    const list = await env.as('salesAgent').get(`/api/departments/${sales}/quick-replies`).expect(200);
    expect(list.body.map((r: { shortcut: string }) => r.shortcut)).toEqual(['alpha', 'zeta']);
    expect((await audit(id)).map((a) => [a.action, a.department_id, a.details])).toEqual([
      ['quick_reply.created', sales, { shortcut: 'price', title: 'Price' }],
      ['quick_reply.updated', sales, { shortcut: 'price', changed: ['text'] }],
      ['quick_reply.deleted', sales, { shortcut: 'price', title: 'Price' }],
    ]);
  });

  it('a department holds at most 200 quick replies', async () => {
    const support = env.numbers.support.departmentId;
    await env.query(
      `insert into quick_replies (id, department_id, shortcut, title, text)
       select gen_random_uuid(), $1, 'bulk' || g, 'Bulk', 'Bulk' from generate_series(1, 199) g`,
      [support],
    );
    const post = (shortcut: string) =>
      env.api().post(`/api/departments/${support}/quick-replies`).send({ shortcut, title: 'T', text: 'T' });
    await post('last').expect(201);
    const full = await post('one-more').expect(422);
    expect(full.body.message).toBe(`department ${support} already has 200 quick replies: delete one first`);
  });
});
