import { createTestEnvironment, TestEnvironment } from '@switchboard/testing';
import { metaJsonStringify } from '@switchboard/wa-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryId, fakeWamid, messagesEnvelope, postSignedWebhook, unixNow } from './helpers';

/**
 * Who reaches what beyond department roles: installation-wide permissions need an unscoped actor, webhook
 * deliveries and plugin installations belong to the department of their number, members-only departments (HR) stay
 * hidden from admins who are not members on every path, and a disabled user's tokens stop working.
 */
describe('scope of tokens and admins', () => {
  let env: TestEnvironment;
  let seq = 0;
  beforeAll(async () => {
    env = await createTestEnvironment({ config: { plugins: { enabled: ['./plugins/dept-hr'] } } });
    // HR becomes members-only when its department plugin is switched on (the admin may still do this first step).
    await env
      .api()
      .put(`/api/numbers/${env.numbers.hr.id}/plugins/dept-hr`)
      .send({ enabled: true })
      .expect(200);
  });
  afterAll(async () => {
    await env?.close();
  });

  const mint = (body: object, as = env.api()) => as.post('/api/api-tokens').send(body);
  const bearer = (token: string) => ({
    get: (path: string) => env.anonymous().get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string) => env.anonymous().post(path).set('Authorization', `Bearer ${token}`),
  });

  /** A customer writes to a department's number; resolves to the id of the stored webhook delivery. */
  async function deliveryTo(dept: 'sales' | 'support' | 'hr'): Promise<string> {
    const waId = `55119777${String(++seq).padStart(5, '0')}`;
    const { wamid } = await env.sandbox
      .customer(waId, { phoneNumberId: env.numbers[dept].phoneNumberId })
      .text(`hello ${dept}`);
    return deliveryId(
      env,
      `raw_body like '%' || $1 || '%' and status <> 'pending'`,
      wamid,
      `${dept} delivery`,
    );
  }

  /** A delivery signed with a configured app secret that names a number no one registered. */
  async function deliveryToUnknownNumber(): Promise<string> {
    const wamid = fakeWamid();
    const body = metaJsonStringify(
      messagesEnvelope(
        env,
        'sales',
        {
          messages: [
            { from: '5511977799999', id: wamid, timestamp: unixNow(), type: 'text', text: { body: 'x' } },
          ],
        },
        '999000000000001',
      ),
    );
    await postSignedWebhook(env, body).expect(200);
    return deliveryId(env, `raw_body like '%' || $1 || '%'`, wamid, 'unknown-number delivery');
  }

  const listed = async (token: string | null) => {
    const r = await (
      token
        ? bearer(token).get('/api/inbound-events?limit=200')
        : env.api().get('/api/inbound-events?limit=200')
    ).expect(200);
    return (r.body.items as { id: string }[]).map((e) => e.id);
  };

  it('a token limited to departments cannot mint or use installation-wide permissions', async () => {
    const sales = env.numbers.sales.departmentId;
    for (const permissions of [['users.manage'], ['audit.read'], ['conversations.read', 'users.manage']]) {
      const r = await mint({ name: 'scoped admin', permissions, departmentIds: [sales] }).expect(400);
      expect(r.body.message).toMatch(/installation-wide.*allDepartments/);
    }
    // A token minted before the rule (its permissions changed in place) still gets nothing installation-wide.
    const made = (
      await mint({ name: 'legacy', permissions: ['conversations.read'], departmentIds: [sales] }).expect(201)
    ).body as { id: string; token: string };
    await env.query(
      `update api_tokens set permissions = '["conversations.read", "users.manage", "audit.read"]' where id = $1`,
      [made.id],
    );
    await bearer(made.token).get('/api/conversations').expect(200);
    await bearer(made.token).get('/api/users').expect(403);
    await bearer(made.token).get('/api/audit-events').expect(403);
    // Unscoped, the same permissions work.
    const wide = (
      await mint({ name: 'wide', permissions: ['users.manage'], allDepartments: true }).expect(201)
    ).body.token as string;
    await bearer(wide).get('/api/users').expect(200);
  });

  it('webhook deliveries are limited by department through their number', async () => {
    const [sales, support, unknown] = [
      await deliveryTo('sales'),
      await deliveryTo('support'),
      await deliveryToUnknownNumber(),
    ];
    const salesToken = (
      await mint({
        name: 'sales intake',
        permissions: ['inbound_events.read', 'inbound_events.replay'],
        departmentIds: [env.numbers.sales.departmentId],
      }).expect(201)
    ).body.token as string;
    const seen = await listed(salesToken);
    expect(seen).toContain(sales);
    expect(seen).not.toContain(support);
    expect(seen).not.toContain(unknown);
    await bearer(salesToken).get(`/api/inbound-events/${sales}`).expect(200);
    await bearer(salesToken).get(`/api/inbound-events/${support}`).expect(404);
    await bearer(salesToken).get(`/api/inbound-events/${unknown}`).expect(404);
    await bearer(salesToken).post(`/api/inbound-events/${support}/replay`).expect(404);
    await bearer(salesToken).post(`/api/inbound-events/${sales}/replay`).expect(202);
    // Deliveries of no department are for unscoped actors: the admin, a token for all departments.
    expect(await listed(null)).toEqual(expect.arrayContaining([sales, support, unknown]));
    const wide = (
      await mint({ name: 'all intake', permissions: ['inbound_events.read'], allDepartments: true }).expect(
        201,
      )
    ).body.token as string;
    expect(await listed(wide)).toEqual(expect.arrayContaining([sales, support, unknown]));
  });

  it('members-only HR stays hidden from an admin who is not a member: deliveries, tokens, its plugin', async () => {
    const hr = await deliveryTo('hr');
    const hrDept = env.numbers.hr.departmentId;
    // Deliveries to HR's number.
    expect(await listed(null)).not.toContain(hr);
    await env.api().get(`/api/inbound-events/${hr}`).expect(404);
    await env.api().post(`/api/inbound-events/${hr}/replay`).expect(404);
    const wide = (
      await mint({ name: 'all intake', permissions: ['inbound_events.read'], allDepartments: true }).expect(
        201,
      )
    ).body.token as string;
    expect(await listed(wide)).not.toContain(hr);
    // Minting a token for HR answers as for a department that does not exist.
    const refused = await mint({
      name: 'hr probe',
      permissions: ['conversations.read'],
      departmentIds: [hrDept],
    }).expect(400);
    const missing = '01a20000-0000-7000-8000-00000000000b';
    const unknown = await mint({
      name: 'probe',
      permissions: ['conversations.read'],
      departmentIds: [missing],
    }).expect(400);
    expect(refused.body.message).toBe(unknown.body.message.replace(missing, hrDept));
    // HR's plugin: not listed, and switching it off (or reconfiguring it) answers 404, changing nothing.
    const installations = (await env.api().get('/api/plugin-installations').expect(200)).body as {
      numberId: string;
    }[];
    expect(installations.some((i) => i.numberId === env.numbers.hr.id)).toBe(false);
    await env
      .api()
      .put(`/api/numbers/${env.numbers.hr.id}/plugins/dept-hr`)
      .send({ enabled: false })
      .expect(404);
    const [row] = await env.query<{ enabled: boolean }>(
      `select enabled from plugin_installations where number_id = $1 and plugin_id = 'dept-hr'`,
      [env.numbers.hr.id],
    );
    expect(row.enabled).toBe(true);

    // The way in is a role in HR (an audited `user.roles.changed`): then all of it is reachable.
    const second = await env
      .api()
      .post('/api/users')
      .send({
        email: 'hr.admin@test.switchboard',
        name: 'HR admin',
        password: 'a-long-password-1',
        isAdmin: true,
        memberships: [{ departmentId: hrDept, role: 'viewer' }],
      })
      .expect(201);
    const token = (
      await env
        .anonymous()
        .post('/api/auth/login')
        .send({ email: 'hr.admin@test.switchboard', password: 'a-long-password-1' })
        .expect(200)
    ).body.accessToken as string;
    expect(second.body.id).toBeTruthy();
    expect(await listed(token)).toContain(hr);
    await mint(
      { name: 'hr reader', permissions: ['conversations.read'], departmentIds: [hrDept] },
      env.anonymous().set('Authorization', `Bearer ${token}`),
    ).expect(201);
    const mine = (await bearer(token).get('/api/plugin-installations').expect(200)).body as {
      numberId: string;
    }[];
    expect(mine.some((i) => i.numberId === env.numbers.hr.id)).toBe(true);
  });

  /** An admin who also holds a role in HR, signed in: the one kind of admin who sees HR. */
  async function hrMemberAdmin(email: string): Promise<string> {
    await env
      .api()
      .post('/api/users')
      .send({
        email,
        name: email,
        password: 'a-long-password-1',
        isAdmin: true,
        memberships: [{ departmentId: env.numbers.hr.departmentId, role: 'viewer' }],
      })
      .expect(201);
    return (
      await env.anonymous().post('/api/auth/login').send({ email, password: 'a-long-password-1' }).expect(200)
    ).body.accessToken as string;
  }
  const as = (token: string) => ({
    get: (path: string) => env.anonymous().get(path).set('Authorization', `Bearer ${token}`),
    delete: (path: string) => env.anonymous().delete(path).set('Authorization', `Bearer ${token}`),
  });
  const tokenIds = async (r: ReturnType<typeof env.api> | ReturnType<typeof as>) =>
    ((await r.get('/api/api-tokens').expect(200)).body as { id: string }[]).map((t) => t.id);

  it('tokens scoped to a members-only department are not listed to a non-member admin, nor revocable', async () => {
    const member = await hrMemberAdmin('hr.tokens@test.switchboard');
    const [hrDept, salesDept] = [env.numbers.hr.departmentId, env.numbers.sales.departmentId];
    const mintAsMember = (name: string, departmentIds: string[]) =>
      mint(
        { name, permissions: ['conversations.read'], departmentIds },
        env.anonymous().set('Authorization', `Bearer ${member}`),
      ).expect(201);
    const hr = (await mintAsMember('hr payroll', [hrDept])).body as { id: string; token: string };
    // Reaching into HR at all is enough to be hidden, even alongside a department the admin sees.
    const mixed = (await mintAsMember('hr and sales', [hrDept, salesDept])).body as { id: string };
    const sales = (await mintAsMember('sales only', [salesDept])).body as { id: string };

    const adminSees = await tokenIds(env.api());
    expect(adminSees).toContain(sales.id);
    expect(adminSees).not.toContain(hr.id);
    expect(adminSees).not.toContain(mixed.id);
    // Revoking answers as for a token that does not exist, and changes nothing: the token still works.
    const refused = await env.api().delete(`/api/api-tokens/${hr.id}`).expect(404);
    const missing = '01a20000-0000-7000-8000-00000000000c';
    const unknown = await env.api().delete(`/api/api-tokens/${missing}`).expect(404);
    expect(refused.body.message).toBe(unknown.body.message.replace(missing, hr.id));
    await env.api().delete(`/api/api-tokens/${mixed.id}`).expect(404);
    await bearer(hr.token).get('/api/conversations').expect(200);
    const [row] = await env.query<{ revoked_at: Date | null }>(
      'select revoked_at from api_tokens where id = $1',
      [hr.id],
    );
    expect(row.revoked_at).toBeNull();

    // The member admin sees all three and may revoke the HR one.
    expect(await tokenIds(as(member))).toEqual(expect.arrayContaining([hr.id, mixed.id, sales.id]));
    await as(member).delete(`/api/api-tokens/${hr.id}`).expect(204);
    await bearer(hr.token).get('/api/conversations').expect(401);
  });

  it('audit events about a members-only department are left out for a non-member admin', async () => {
    const member = await hrMemberAdmin('hr.audit@test.switchboard');
    const hrDept = env.numbers.hr.departmentId;
    const hr = (
      await mint(
        { name: 'hr audit probe', permissions: ['conversations.read'], departmentIds: [hrDept] },
        env.anonymous().set('Authorization', `Bearer ${member}`),
      ).expect(201)
    ).body as { id: string; token: string };
    await bearer(hr.token).get('/api/conversations').expect(200);
    // A change to HR's plugin, made by the member (the admin can no longer make one).
    await as(member).get('/api/plugin-installations').expect(200);
    await env
      .anonymous()
      .put(`/api/numbers/${env.numbers.hr.id}/plugins/dept-hr`)
      .set('Authorization', `Bearer ${member}`)
      .send({ enabled: true, settings: { greetNewConversations: false } })
      .expect(200);

    interface Event {
      action: string;
      targetId: string | null;
      details: { numberId?: string };
    }
    const events = async (r: ReturnType<typeof env.api> | ReturnType<typeof as>, action: string) =>
      (
        (await r.get(`/api/audit-events?limit=200&action=${action}`).expect(200)).body.items as Event[]
      ).filter((e) => e.targetId === hr.id || e.details.numberId === env.numbers.hr.id);
    const memberSees = [
      ...(await events(as(member), 'api_token.')),
      ...(await events(as(member), 'plugin.')),
    ].map((e) => e.action);
    // The member sees the token's creation and use, and both changes to HR's plugin (the admin's, from before
    // HR was members-only, and the member's).
    expect(memberSees.sort()).toEqual([
      'api_token.created',
      'api_token.used',
      'plugin.installation.changed',
      'plugin.installation.changed',
    ]);
    expect(await events(env.api(), 'api_token.')).toEqual([]);
    expect(await events(env.api(), 'plugin.')).toEqual([]);
    // Nor through an unscoped token that can read the audit log.
    const auditor = (
      await mint({ name: 'auditor', permissions: ['audit.read'], allDepartments: true }).expect(201)
    ).body.token as string;
    expect(await events(as(auditor), 'api_token.')).toEqual([]);
    expect(await events(as(auditor), 'plugin.')).toEqual([]);
  });

  it("a disabled user's API tokens stop working on the next request", async () => {
    const made = await env
      .api()
      .post('/api/users')
      .send({
        email: 'minting.admin@test.switchboard',
        name: 'Minting admin',
        password: 'a-long-password-1',
        isAdmin: true,
      })
      .expect(201);
    const session = (
      await env
        .anonymous()
        .post('/api/auth/login')
        .send({ email: 'minting.admin@test.switchboard', password: 'a-long-password-1' })
        .expect(200)
    ).body.accessToken as string;
    const token = (
      await mint(
        { name: 'their integration', permissions: ['conversations.read'], allDepartments: true },
        env.anonymous().set('Authorization', `Bearer ${session}`),
      ).expect(201)
    ).body.token as string;
    await bearer(token).get('/api/conversations').expect(200);
    await env.api().patch(`/api/users/${made.body.id}`).send({ status: 'disabled' }).expect(200);
    const refused = await bearer(token).get('/api/conversations').expect(401);
    expect(refused.body.message).toMatch(/API token/);
    // Enabled again, the token works again: it was never revoked, only its creator's standing changed.
    await env.api().patch(`/api/users/${made.body.id}`).send({ status: 'active' }).expect(200);
    await bearer(token).get('/api/conversations').expect(200);
  });
});
