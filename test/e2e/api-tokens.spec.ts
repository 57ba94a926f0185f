import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('API tokens', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment();
  });
  afterAll(async () => {
    await env?.close();
  });

  const create = (body: object) => env.api().post('/api/api-tokens').send(body);
  const withToken = (token: string) => ({
    get: (path: string) => env.anonymous().get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object) =>
      env.anonymous().post(path).set('Authorization', `Bearer ${token}`).send(body),
  });

  it('is shown once, stored only as a hash, and records when it was last used', async () => {
    const made = await create({
      name: 'ERP sync',
      permissions: ['conversations.read'],
      departmentIds: [env.numbers.sales.departmentId],
    }).expect(201);
    const token = made.body.token as string;
    expect(token).toMatch(/^sbt_[\w-]{40,}$/);
    expect(made.body.prefix).toBe(token.slice(0, 10));

    const listed = await env.api().get('/api/api-tokens').expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect(JSON.stringify(await env.query('select * from api_tokens'))).not.toContain(token);

    await withToken(token).get('/api/conversations').expect(200);
    const [row] = await env.query<{ last_used_at: Date | null }>(
      'select last_used_at from api_tokens where id = $1',
      [made.body.id],
    );
    expect(row.last_used_at).not.toBeNull();
    const used = await env.query(
      `select 1 from audit_events where action = 'api_token.used' and target_id = $1`,
      [made.body.id],
    );
    expect(used).toHaveLength(1);
  });

  it('is limited to its permissions and departments', async () => {
    const { token } = (
      await create({
        name: 'support reader',
        permissions: ['conversations.read'],
        departmentIds: [env.numbers.support.departmentId],
      }).expect(201)
    ).body as { token: string };
    await env.sandbox
      .customer('5511922220001', { phoneNumberId: env.numbers.sales.phoneNumberId })
      .text('vendas, olá');
    const list = await withToken(token).get('/api/conversations').expect(200);
    expect(
      (list.body.items as { department: { key: string } }[]).every((c) => c.department.key === 'support'),
    ).toBe(true);
    const sales = await waitFor(
      async () =>
        (
          await env.query<{ id: string }>('select id from conversations where department_id = $1 limit 1', [
            env.numbers.sales.departmentId,
          ])
        )[0],
    );
    await withToken(token).get(`/api/conversations/${sales.id}`).expect(404);
    const r = await withToken(token).post(`/api/conversations/${sales.id}/messages`, {
      type: 'text',
      text: 'no',
    });
    expect(r.status).toBe(403);
    expect(r.body.message).toContain('not scoped for conversations.reply');
    await withToken(token).get('/api/auth/me').expect(403);
    await withToken(token).get('/api/users').expect(403);
  });

  it('stops working once revoked or expired', async () => {
    const a = (await create({ name: 'a', permissions: ['media.read'], allDepartments: true }).expect(201))
      .body;
    const b = (
      await create({ name: 'b', permissions: ['conversations.read'], allDepartments: true }).expect(201)
    ).body;
    await withToken(b.token).get('/api/conversations').expect(200);
    await env.api().delete(`/api/api-tokens/${b.id}`).expect(204);
    const revoked = await withToken(b.token).get('/api/conversations').expect(401);
    expect(revoked.body.message).toMatch(/revoked/);
    await env.query(`update api_tokens set expires_at = now() - interval '1 second' where id = $1`, [a.id]);
    await withToken(a.token).get('/api/conversations').expect(401);
    await withToken('sbt_made-up-token-value').get('/api/conversations').expect(401);
    const actions = (await env.api().get('/api/audit-events?action=api_token.').expect(200)).body.items.map(
      (e: { action: string }) => e.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining(['api_token.created', 'api_token.revoked', 'api_token.used']),
    );
  });

  it('refuses bad scopes with 400 and cannot mint tokens itself', async () => {
    await create({ name: 'x', permissions: ['api_tokens.manage'], allDepartments: true }).expect(400);
    await create({ name: 'x', permissions: ['media.read'] }).expect(400);
    await create({
      name: 'x',
      permissions: ['media.read'],
      allDepartments: true,
      departmentIds: [env.numbers.sales.departmentId],
    }).expect(400);
    await create({
      name: 'x',
      permissions: ['media.read'],
      departmentIds: ['01a20000-0000-7000-8000-00000000000a'],
    }).expect(400);
    const { token } = (
      await create({
        name: 'everything',
        permissions: ['users.manage', 'audit.read'],
        allDepartments: true,
      }).expect(201)
    ).body as { token: string };
    await withToken(token).get('/api/users').expect(200);
    await withToken(token)
      .post('/api/api-tokens', { name: 'child', permissions: ['media.read'], allDepartments: true })
      .expect(403);
  });
});
