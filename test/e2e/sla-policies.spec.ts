import { EntityManager } from '@mikro-orm/postgresql';
import { SlaPolicyBook } from '@switchboard/sla';
import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgents } from './support/assignment-fixtures';

const ALWAYS_OPEN = { days: [0, 1, 2, 3, 4, 5, 6], open: '00:00', close: '24:00' };

interface PolicyView {
  id: string;
  key: string;
  name: string;
  source: 'admin' | 'plugin';
  pluginId: string | null;
  enabled: boolean;
  position: number;
  match: { numberIds: string[]; priorities: string[]; requestTypes: string[] };
  targets: Record<string, unknown>;
  businessHours: boolean;
  escalations: unknown[];
}

/** SLA policies through the admin API (CRUD, 422s, scoping, plugin sync) and the selection the clocks use. */
describe('SLA policies', () => {
  let env: TestEnvironment;
  let sales: string;
  let support: string;
  let seq = 0;

  const policy = (over: Record<string, unknown> = {}) => ({
    key: `p${++seq}`,
    name: `Policy ${seq}`,
    targets: { firstResponse: { warningMinutes: 45, breachMinutes: 60 } },
    ...over,
  });
  const create = async (departmentId: string, over: Record<string, unknown> = {}) =>
    (await env.api().post(`/api/departments/${departmentId}/sla-policies`).send(policy(over)).expect(201))
      .body as PolicyView;
  const list = async (departmentId: string) =>
    (await env.api().get(`/api/departments/${departmentId}/sla-policies`).expect(200)).body as PolicyView[];

  beforeAll(async () => {
    env = await createTestEnvironment({ config: { plugins: { enabled: ['./plugins/dept-sales'] } } });
    sales = env.numbers.sales.departmentId;
    support = env.numbers.support.departmentId;
  });
  afterAll(async () => {
    await env?.close();
  });

  it("a department plugin's declared policies become its policies: warning at 80 %, priority as match", async () => {
    expect(await list(sales)).toEqual([]);
    await env
      .api()
      .put(`/api/numbers/${env.numbers.sales.id}/plugins/dept-sales`)
      .send({ enabled: true, settings: { language: 'pt-BR', businessHours: ALWAYS_OPEN } })
      .expect(200);
    const policies = await list(sales);
    expect(policies.map((p) => [p.key, p.source, p.pluginId, p.enabled, p.position])).toEqual([
      ['hot_lead', 'plugin', 'dept-sales', true, 0],
      ['standard', 'plugin', 'dept-sales', true, 1],
    ]);
    // 10 → 8, 30 → 24, 120 → 96 (80 %, rounded).
    expect(policies[0]).toMatchObject({
      name: 'Hot lead (high priority)',
      match: { numberIds: [], priorities: ['high'], requestTypes: [] },
      targets: {
        firstResponse: { warningMinutes: 8, breachMinutes: 10 },
        nextResponse: { warningMinutes: 24, breachMinutes: 30 },
        resolution: null,
        stages: {},
      },
      businessHours: true,
      escalations: [],
    });
    expect(policies[1]).toMatchObject({
      match: { numberIds: [], priorities: [], requestTypes: [] },
      targets: {
        firstResponse: { warningMinutes: 24, breachMinutes: 30 },
        nextResponse: { warningMinutes: 96, breachMinutes: 120 },
      },
    });

    // Admins may disable and reorder them; a later sync keeps both choices.
    const [hot, standard] = policies;
    await env.api().put(`/api/sla-policies/${hot.id}`).send({ enabled: false }).expect(200);
    await env
      .api()
      .put(`/api/departments/${sales}/sla-policies/order`)
      .send({ ids: [standard.id] })
      .expect(200);
    await env.query(`update sla_policies set name = 'renamed by an older plugin' where id = $1`, [hot.id]);
    const again = await list(sales);
    expect(again.map((p) => [p.key, p.enabled, p.name])).toEqual([
      ['standard', true, 'Standard lead'],
      ['hot_lead', false, 'Hot lead (high priority)'],
    ]);

    // Anything else of a plugin's policy is the plugin's; it cannot be deleted, only disabled.
    const renamed = await env.api().put(`/api/sla-policies/${hot.id}`).send({ name: 'Mine now' }).expect(422);
    expect(renamed.body.message).toContain(
      'name: policy "Hot lead (high priority)" comes from the plugin dept-sales',
    );
    await env.api().delete(`/api/sla-policies/${hot.id}`).expect(409);
  });

  it("an upgraded plugin's new targets publish sla.policy_changed, so running clocks follow; a new name alone does not", async () => {
    const [standard] = (await list(sales)).filter((p) => p.key === 'standard');
    const published = async () =>
      (
        await env.query<{ n: number }>(
          `select count(*)::int as n from domain_events where name = 'sla.policy_changed' and payload->>'policyId' = $1`,
          [standard.id],
        )
      )[0].n;
    const before = await published();
    // As an older version of the plugin left it: another name, then other targets. The next read syncs each.
    await env.query(`update sla_policies set name = 'Standard (older plugin)' where id = $1`, [standard.id]);
    expect((await list(sales)).find((p) => p.id === standard.id)?.name).toBe('Standard lead');
    await env.query(
      `update sla_policies set targets = jsonb_set(targets, '{firstResponse,breachMinutes}', '999') where id = $1`,
      [standard.id],
    );
    const synced = (await list(sales)).find((p) => p.id === standard.id);
    expect(synced?.targets).toMatchObject({ firstResponse: { warningMinutes: 24, breachMinutes: 30 } });
    // The rename published nothing; the targets, synced after it, one event.
    expect(await published()).toBe(before + 1);
  });

  it('create, read, change and delete an admin policy, each change audited', async () => {
    const created = await create(support, {
      key: 'vip',
      name: 'VIP',
      match: { numberIds: [env.numbers.support.id], priorities: ['urgent'] },
      targets: {
        firstResponse: { warningMinutes: 10, breachMinutes: 15 },
        resolution: { warningMinutes: 200, breachMinutes: 240 },
      },
      businessHours: true,
      escalations: [{ on: 'breach', clock: 'any', action: 'raise_priority' }],
    });
    expect(created).toMatchObject({
      key: 'vip',
      name: 'VIP',
      source: 'admin',
      pluginId: null,
      enabled: true,
      match: { numberIds: [env.numbers.support.id], priorities: ['urgent'], requestTypes: [] },
      targets: {
        firstResponse: { warningMinutes: 10, breachMinutes: 15 },
        nextResponse: null,
        resolution: { warningMinutes: 200, breachMinutes: 240 },
        stages: {},
      },
      businessHours: true,
      escalations: [{ on: 'breach', clock: 'any', action: 'raise_priority' }],
    });
    expect((await env.api().get(`/api/sla-policies/${created.id}`).expect(200)).body).toEqual(created);

    const changed = (
      await env
        .api()
        .put(`/api/sla-policies/${created.id}`)
        .send({ name: 'VIP customers', targets: { nextResponse: { warningMinutes: 0, breachMinutes: 30 } } })
        .expect(200)
    ).body as PolicyView;
    expect(changed).toMatchObject({
      name: 'VIP customers',
      targets: {
        firstResponse: null,
        nextResponse: { warningMinutes: 0, breachMinutes: 30 },
        resolution: null,
        stages: {},
      },
      match: { priorities: ['urgent'] },
    });

    await env.api().delete(`/api/sla-policies/${created.id}`).expect(204);
    await env.api().get(`/api/sla-policies/${created.id}`).expect(404);
    const audit = await env.query<{ action: string; target_type: string; department_id: string }>(
      `select action, target_type, department_id from audit_events where target_id = $1 order by at, id`,
      [created.id],
    );
    expect(audit).toEqual([
      { action: 'sla_policy.created', target_type: 'sla_policy', department_id: support },
      { action: 'sla_policy.updated', target_type: 'sla_policy', department_id: support },
      { action: 'sla_policy.deleted', target_type: 'sla_policy', department_id: support },
    ]);

    // The API documents every route and the fields the contract checks.
    const doc = (await env.anonymous().get('/api/docs/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(doc.paths['/api/departments/{id}/sla-policies'] ?? {}).sort()).toEqual([
      'get',
      'post',
    ]);
    expect(Object.keys(doc.paths['/api/sla-policies/{id}'] ?? {}).sort()).toEqual(['delete', 'get', 'put']);
    expect(Object.keys(doc.paths['/api/departments/{id}/sla-policies/order'] ?? {})).toEqual(['put']);
    const post = JSON.stringify(doc.paths['/api/departments/{id}/sla-policies'].post);
    for (const field of [
      'key',
      'targets',
      'firstResponse',
      'warningMinutes',
      'breachMinutes',
      'match',
      'escalations',
    ])
      expect(post).toContain(`"${field}"`);
  });

  it('a change waits for the department lock and reads the policy then: deleted meanwhile is 404, not 500', async () => {
    const doomed = await create(support, { key: 'doomed' });
    // Hold the lock the policy writes and the plugin sync take, as a sync in progress would.
    await env.query('begin');
    try {
      await env.query(`select pg_advisory_xact_lock(hashtext('sla_policies:' || $1))`, [support]);
      const put = env
        .api()
        .put(`/api/sla-policies/${doomed.id}`)
        .send({ name: 'Too late' })
        .then((r) => r);
      await waitFor(
        () =>
          env.query(
            `select 1 from pg_locks where locktype = 'advisory' and not granted and pid <> pg_backend_pid()`,
          ),
        { what: 'the PUT waiting for the department lock' },
      );
      await env.query('delete from sla_policies where id = $1', [doomed.id]);
      await env.query('commit');
      const res = await put;
      expect(res.status).toBe(404);
      expect(res.body.message).toBe('SLA policy not found');
    } finally {
      await env.query('rollback');
    }
    // Nothing was written back, and no change was audited.
    expect(await env.query('select id from sla_policies where id = $1', [doomed.id])).toEqual([]);
    expect(
      await env.query(
        `select action from audit_events where target_id = $1 and action = 'sla_policy.updated'`,
        [doomed.id],
      ),
    ).toEqual([]);
  });

  it('422 names the field: warning not before the deadline, no target, unknown number/stage, bad escalation user', async () => {
    const refused = async (body: Record<string, unknown>) =>
      (await env.api().post(`/api/departments/${support}/sla-policies`).send(body).expect(422)).body
        .message as string;

    expect(
      await refused(policy({ targets: { firstResponse: { warningMinutes: 60, breachMinutes: 60 } } })),
    ).toBe('targets.firstResponse.warningMinutes: must be before the deadline (breachMinutes 60)');
    expect(
      await refused(policy({ targets: { stages: { open: { warningMinutes: 90, breachMinutes: 30 } } } })),
    ).toBe('targets.stages.open.warningMinutes: must be before the deadline (breachMinutes 30)');
    expect(await refused(policy({ targets: {} }))).toBe(
      'targets: give at least one target (firstResponse, nextResponse, resolution or a stage)',
    );
    expect(await refused(policy({ targets: { stages: {} } }))).toBe(
      'targets: give at least one target (firstResponse, nextResponse, resolution or a stage)',
    );
    expect(await refused(policy({ match: { numberIds: [env.numbers.sales.id] } }))).toBe(
      `match.numberIds.0: ${env.numbers.sales.id} is not a WhatsApp number of this department`,
    );
    expect(
      await refused(
        policy({ targets: { stages: { no_such_stage: { warningMinutes: 5, breachMinutes: 10 } } } }),
      ),
    ).toBe(`targets.stages.no_such_stage: "no_such_stage" is not a stage of the department's pipeline`);
    // The sales agent holds no role in support.
    const salesAgent = env.users.salesAgent.id;
    expect(
      await refused(
        policy({
          escalations: [{ on: 'breach', clock: 'first_response', action: 'assign_user', userId: salesAgent }],
        }),
      ),
    ).toBe(`escalations.0.userId: user ${salesAgent} holds no agent/supervisor role in this department`);
    expect(
      await refused(policy({ escalations: [{ on: 'warning', clock: 'any', action: 'assign_user' }] })),
    ).toBe('escalations.0.userId: assign_user needs the user to assign to');
    const taken = await create(support, { key: 'taken' });
    expect(await refused(policy({ key: 'taken' }))).toBe(
      'key: "taken" is already a policy of this department',
    );
    // A change is checked the same way, and nothing of it is stored.
    const changed = await env
      .api()
      .put(`/api/sla-policies/${taken.id}`)
      .send({ name: 'Never', match: { numberIds: [env.numbers.sales.id] } })
      .expect(422);
    expect(changed.body.message).toBe(
      `match.numberIds.0: ${env.numbers.sales.id} is not a WhatsApp number of this department`,
    );
    expect((await env.api().get(`/api/sla-policies/${taken.id}`).expect(200)).body).toEqual(taken);

    // The support agent holds a role there: accepted. A stage of support's pipeline is accepted too.
    const [stage] = await env.query<{ key: string }>(
      `select s.key from pipeline_stages s join pipelines p on p.id = s.pipeline_id
        where p.department_id = $1 and p.is_default order by s.position limit 1`,
      [support],
    );
    await create(support, {
      targets: { stages: { [stage.key]: { warningMinutes: 5, breachMinutes: 10 } } },
      escalations: [
        { on: 'warning', clock: 'stage', action: 'assign_user', userId: env.users.supportAgent.id },
      ],
    });
  });

  it("only those who manage a department's routing see or change its policies", async () => {
    const mine = await create(sales);
    // A supervisor of another department: neither the sales list nor its policy exists for them.
    const [other] = await createAgents(env, support, ['Sofia'], 'supervisor');
    await other.as().get(`/api/departments/${support}/sla-policies`).expect(200);
    await other.as().get(`/api/departments/${sales}/sla-policies`).expect(404);
    await other.as().get(`/api/sla-policies/${mine.id}`).expect(404);
    await other.as().put(`/api/sla-policies/${mine.id}`).send({ enabled: false }).expect(404);
    await other.as().delete(`/api/sla-policies/${mine.id}`).expect(404);
    await other
      .as()
      .put(`/api/departments/${sales}/sla-policies/order`)
      .send({ ids: [mine.id] })
      .expect(404);
    // An agent manages routing nowhere.
    await env.as('supportAgent').get(`/api/departments/${support}/sla-policies`).expect(403);
    // The department's own agent and viewer see it exists but may not manage it.
    await env.as('salesAgent').get(`/api/departments/${sales}/sla-policies`).expect(403);
    await env.as('viewer').delete(`/api/sla-policies/${mine.id}`).expect(403);
    // Its supervisor may; not in support.
    await env.as('salesSupervisor').get(`/api/departments/${sales}/sla-policies`).expect(200);
    await env.as('salesSupervisor').put(`/api/sla-policies/${mine.id}`).send({ name: 'Renamed' }).expect(200);
    await env
      .as('salesSupervisor')
      .post(`/api/departments/${support}/sla-policies`)
      .send(policy())
      .expect(404);
    await env.as('salesSupervisor').delete(`/api/sla-policies/${mine.id}`).expect(204);
  });

  it('select(): the first enabled policy in position order whose every given list accepts the conversation', async () => {
    const hr = env.numbers.hr.departmentId;
    const number = env.numbers.hr.id;
    const a = await create(hr, {
      key: 'urgent_here',
      match: { numberIds: [number], priorities: ['urgent'] },
    });
    const b = await create(hr, { key: 'billing', match: { requestTypes: ['billing'] } });
    const c = await create(hr, { key: 'hot', match: { priorities: ['high', 'urgent'] } });
    await create(hr, { key: 'off', enabled: false });
    const e = await create(hr, { key: 'rest' });
    const book = env.app.get(SlaPolicyBook);
    const select = async (numberId: string | null, priority: string, requestType: string | null) =>
      (
        await book.select(env.app.get(EntityManager).fork(), {
          departmentId: hr,
          numberId,
          priority,
          requestType,
        })
      )?.key ?? null;

    expect(await select(number, 'urgent', null)).toBe('urgent_here');
    expect(await select(null, 'urgent', 'billing')).toBe('billing');
    expect(await select(number, 'high', 'billing')).toBe('billing');
    expect(await select(number, 'high', null)).toBe('hot');
    expect(await select(number, 'normal', 'other')).toBe('rest');
    expect(await select(number, 'low', null)).toBe('rest');

    await env.api().put(`/api/sla-policies/${e.id}`).send({ enabled: false }).expect(200);
    expect(await select(number, 'low', null)).toBeNull();
    expect(await select(number, 'urgent', null)).toBe('urgent_here');

    await env
      .api()
      .put(`/api/departments/${hr}/sla-policies/order`)
      .send({ ids: [c.id, b.id] })
      .expect(200);
    expect(await select(number, 'urgent', 'billing')).toBe('hot');
    expect(await select(number, 'normal', 'billing')).toBe('billing');
    expect((await list(hr)).map((p) => p.key)).toEqual(['hot', 'billing', 'urgent_here', 'off', 'rest']);
    expect(a.key).toBe('urgent_here');

    const bad = await env
      .api()
      .put(`/api/departments/${hr}/sla-policies/order`)
      .send({ ids: [c.id, c.id] })
      .expect(422);
    expect(bad.body.message).toBe(`ids: given more than once: ${c.id}`);
  });

  it("routing's decision names the triage intent as the request type of conversation.routed", async () => {
    const waId = '5511966600001';
    await env.sandbox
      .customer(waId, { phoneNumberId: env.numbers.sales.phoneNumberId, name: 'Cliente' })
      .text('Quanto custa? Pode me mandar a tabela de preços?');
    const [routed] = await waitFor(
      () =>
        env.query<{ payload: { requestType: string | null } }>(
          `select e.payload from domain_events e join conversations c on c.id = (e.payload->>'conversationId')::uuid
             join contacts ct on ct.id = c.contact_id
            where e.name = 'conversation.routed' and ct.wa_id = $1`,
          [waId],
        ),
      { what: 'conversation.routed' },
    );
    expect(routed.payload.requestType).toBe('pricing');
  });
});
