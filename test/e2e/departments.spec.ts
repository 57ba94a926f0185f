import { createTestEnvironment, TestEnvironment } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface DepartmentBody {
  id: string;
  key: string;
  name: string;
  membersOnly: boolean;
  membersOnlySetByAdmin: boolean;
  archivedAt: string | null;
  numbers: { id: string; displayPhoneNumber: string; phoneNumberId: string; health: string }[];
  plugin: { id: string } | null;
}

const ALWAYS_OPEN = { days: [0, 1, 2, 3, 4, 5, 6], open: '00:00', close: '24:00' };

/** The departments API, as an admin uses it: HR runs dept-hr (members-only) and the seeded admin is not in it. */
describe('departments API', () => {
  let env: TestEnvironment;
  let seq = 0;
  const key = (prefix: string) => `${prefix}-${++seq}`;

  const listAll = async (): Promise<DepartmentBody[]> =>
    (await env.api().get('/api/departments').expect(200)).body.items;
  const create = async (body: Record<string, unknown>) => {
    const r = await env.api().post('/api/departments').send(body);
    expect(r.status, r.text).toBe(201);
    return r.body as DepartmentBody;
  };
  const auditOf = (departmentId: string) =>
    env.query<{
      action: string;
      department_id: string;
      actor_label: string;
      details: Record<string, unknown>;
    }>(
      `select action, department_id, actor_label, details from audit_events
        where target_type = 'department' and target_id = $1 order by at`,
      [departmentId],
    );
  const auditVisibleTo = async (departmentId: string) =>
    (
      (await env.api().get('/api/audit-events').query({ action: 'department.', limit: 200 }).expect(200)).body
        .items as { targetId: string; action: string }[]
    ).filter((e) => e.targetId === departmentId);

  beforeAll(async () => {
    env = await createTestEnvironment({ config: { plugins: { enabled: ['./plugins/dept-hr'] } } });
    await env
      .api()
      .put(`/api/numbers/${env.numbers.hr.id}/plugins/dept-hr`)
      .send({ enabled: true, settings: { greetNewConversations: false, businessHours: ALWAYS_OPEN } })
      .expect(200);
  });
  afterAll(async () => {
    await env?.close();
  });

  it('creates a department with its default pipeline, lists and gets it, and audits the creation', async () => {
    const k = key('legal');
    const created = await create({ key: k, name: 'Legal' });
    expect(created).toMatchObject({
      key: k,
      name: 'Legal',
      membersOnly: false,
      membersOnlySetByAdmin: false,
      archivedAt: null,
      numbers: [],
      plugin: null,
    });
    expect((await listAll()).find((d) => d.id === created.id)).toEqual(created);
    expect((await env.api().get(`/api/departments/${created.id}`).expect(200)).body).toEqual(created);
    // New conversations need somewhere to land.
    const [pipeline] = await env.query<{ n: number }>(
      `select count(*)::int as n from pipelines p join pipeline_stages s on s.pipeline_id = p.id
        where p.department_id = $1 and p.is_default`,
      [created.id],
    );
    expect(pipeline.n).toBeGreaterThan(0);
    expect(await auditOf(created.id)).toEqual([
      {
        action: 'department.created',
        department_id: created.id,
        actor_label: env.users.admin.email,
        details: { key: k, name: 'Legal', membersOnly: null },
      },
    ]);
    expect((await auditVisibleTo(created.id)).map((e) => e.action)).toEqual(['department.created']);
    // Given at creation, the flag is the admin's choice too.
    expect(await create({ key: key('finance'), name: 'Finance', membersOnly: false })).toMatchObject({
      membersOnly: false,
      membersOnlySetByAdmin: true,
    });
  });

  it('lists each department with its numbers and department plugin; a members-only one stays hidden', async () => {
    const all = await listAll();
    const sales = all.find((d) => d.key === 'sales');
    expect(sales?.numbers).toEqual([
      {
        id: env.numbers.sales.id,
        displayPhoneNumber: env.numbers.sales.displayPhoneNumber,
        phoneNumberId: env.numbers.sales.phoneNumberId,
        health: 'active',
      },
    ]);
    expect(sales?.plugin).toBeNull();
    // HR runs dept-hr, so it is members-only, and the admin holds no role there: absent from the list…
    expect(all.map((d) => d.key)).not.toContain('hr');
    expect(JSON.stringify(all)).not.toContain(env.numbers.hr.id);
    // …and every route answers as for a department that does not exist, changing nothing.
    const hr = env.numbers.hr.departmentId;
    const r = await env.api().get(`/api/departments/${hr}`).expect(404);
    expect(r.body.message).toBe(`department ${hr} not found`);
    await env.api().patch(`/api/departments/${hr}`).send({ name: 'Renamed', membersOnly: false }).expect(404);
    await env.api().post(`/api/departments/${hr}/archive`).expect(404);
    const [row] = await env.query<{ name: string; visibility: string; archived_at: Date | null }>(
      'select name, visibility, archived_at from departments where id = $1',
      [hr],
    );
    expect(row).toEqual({ name: 'HR', visibility: 'members', archived_at: null });
    expect(await auditOf(hr)).toEqual([]);
  });

  it('renames and sets the members-only flag, audited with before and after', async () => {
    const d = await create({ key: key('ops'), name: 'Ops' });
    const renamed = await env
      .api()
      .patch(`/api/departments/${d.id}`)
      .send({ name: 'Operations' })
      .expect(200);
    expect(renamed.body).toMatchObject({ id: d.id, name: 'Operations', membersOnly: false });
    expect((await env.api().get(`/api/departments/${d.id}`).expect(200)).body.name).toBe('Operations');
    // Flagging members-only a department the admin is not a member of puts it out of the admin's reach.
    const flagged = await env.api().patch(`/api/departments/${d.id}`).send({ membersOnly: true }).expect(200);
    expect(flagged.body).toMatchObject({ membersOnly: true, membersOnlySetByAdmin: true });
    await env.api().get(`/api/departments/${d.id}`).expect(404);
    expect((await listAll()).map((x) => x.id)).not.toContain(d.id);
    expect((await auditOf(d.id)).map((e) => [e.action, e.department_id, e.details])).toEqual([
      ['department.created', d.id, { key: d.key, name: 'Ops', membersOnly: null }],
      ['department.updated', d.id, { name: { from: 'Ops', to: 'Operations' } }],
      ['department.updated', d.id, { membersOnly: { from: false, to: true } }],
    ]);
    // Its audit events are hidden with it: the department id on each row is what hides them.
    expect(await auditVisibleTo(d.id)).toEqual([]);
  });

  it("an admin's members-only flag stands over the department plugin's visibility", async () => {
    const support = env.numbers.support.departmentId;
    await env.api().patch(`/api/departments/${support}`).send({ membersOnly: false }).expect(200);
    // dept-hr makes its department members-only, but the admin has decided for this one.
    await env
      .api()
      .put(`/api/numbers/${env.numbers.support.id}/plugins/dept-hr`)
      .send({ enabled: true, settings: { greetNewConversations: false, businessHours: ALWAYS_OPEN } })
      .expect(200);
    const after = (await env.api().get(`/api/departments/${support}`).expect(200)).body as DepartmentBody;
    expect(after).toMatchObject({
      membersOnly: false,
      membersOnlySetByAdmin: true,
      plugin: { id: 'dept-hr' },
    });
  });

  it('archives a department without numbers; refuses one with numbers, naming them', async () => {
    const sales = env.numbers.sales.departmentId;
    const refused = await env.api().post(`/api/departments/${sales}/archive`).expect(409);
    expect(refused.body.message).toContain(`+${env.numbers.sales.displayPhoneNumber}`);
    expect((await env.api().get(`/api/departments/${sales}`).expect(200)).body.archivedAt).toBeNull();

    const d = await create({ key: key('events'), name: 'Events' });
    const archived = await env.api().post(`/api/departments/${d.id}/archive`).expect(200);
    expect(Date.parse(archived.body.archivedAt)).not.toBeNaN();
    expect((await listAll()).find((x) => x.id === d.id)?.archivedAt).toBe(archived.body.archivedAt);
    expect((await env.api().post(`/api/departments/${d.id}/archive`).expect(409)).body.message).toBe(
      `department "${d.key}" is archived`,
    );
    await env.api().patch(`/api/departments/${d.id}`).send({ name: 'Late rename' }).expect(409);
    expect((await auditOf(d.id)).map((e) => [e.action, e.department_id])).toEqual([
      ['department.created', d.id],
      ['department.archived', d.id],
    ]);
    expect(await auditOf(sales)).toEqual([]);
  });

  it('refuses bad input with a 4xx naming the problem, and changes nothing', async () => {
    const count = async () =>
      Number((await env.query<{ n: string }>('select count(*) as n from departments'))[0].n);
    const before = await count();
    const dup = await env
      .api()
      .post('/api/departments')
      .send({ key: 'sales', name: 'Sales again' })
      .expect(409);
    expect(dup.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'department key "sales" is not available',
    });
    // HR is members-only and hidden from this admin: the answer is the same, saying nothing of where the key is.
    const hidden = await env.api().post('/api/departments').send({ key: 'hr', name: 'HR again' }).expect(409);
    expect(hidden.body).toEqual({ ...dup.body, message: 'department key "hr" is not available' });
    const bad = await env.api().post('/api/departments').send({ key: 'Sales Team', name: 'X' }).expect(400);
    expect(bad.body.message).toMatch(/^key: must be a lowercase slug/);
    const unknown = await env
      .api()
      .post('/api/departments')
      .send({ key: key('x'), name: 'X', visibility: 'members' })
      .expect(400);
    expect(unknown.body.message).toContain('unknown field(s): visibility');
    const sales = env.numbers.sales.departmentId;
    const patchUnknown = await env
      .api()
      .patch(`/api/departments/${sales}`)
      .send({ key: 'other' })
      .expect(400);
    expect(patchUnknown.body.message).toContain('unknown field(s): key');
    await env.api().patch(`/api/departments/${sales}`).send({}).expect(400);
    await env.api().patch(`/api/departments/${sales}`).send({ name: '   ' }).expect(400);
    const absent = '0190a000-0000-7000-8000-000000000000';
    await env.api().get(`/api/departments/${absent}`).expect(404);
    await env.api().patch(`/api/departments/${absent}`).send({ name: 'Ghost' }).expect(404);
    await env.api().post(`/api/departments/${absent}/archive`).expect(404);
    await env.api().get('/api/departments/not-a-uuid').expect(400);
    expect(await count()).toBe(before);
    expect((await env.api().get(`/api/departments/${sales}`).expect(200)).body.name).toBe('Sales');
  });

  it('sets business hours checked by the department contract: each bad field named, defaults filled, documented', async () => {
    const d = await create({ key: key('hours'), name: 'Hours' });
    const bad = await env
      .api()
      .patch(`/api/departments/${d.id}`)
      .send({ businessHours: { timezone: 'America/Sao_Paulo', days: [1, 2, 7], open: '9am' } })
      .expect(400);
    expect(bad.body.message).toMatch(/businessHours\.days\.2: a weekday from 0 \(Sunday\) to 6 \(Saturday\)/);
    expect(bad.body.message).toMatch(/businessHours\.open: a 24-hour time like 09:00/);
    const late = await env
      .api()
      .patch(`/api/departments/${d.id}`)
      .send({ businessHours: { open: '18:00', close: '09:00' } })
      .expect(400);
    expect(late.body.message).toMatch(/businessHours\.close: close \(09:00\) must be after open \(18:00\)/);
    expect((await env.api().get(`/api/departments/${d.id}`).expect(200)).body.businessHours).toBeNull();
    expect((await auditOf(d.id)).map((e) => e.action)).toEqual(['department.created']);

    // Only the time zone given: Monday to Friday, 09:00 to 18:00 there.
    const set = await env
      .api()
      .patch(`/api/departments/${d.id}`)
      .send({ businessHours: { timezone: 'America/Sao_Paulo' } })
      .expect(200);
    expect(set.body.businessHours).toEqual({
      timezone: 'America/Sao_Paulo',
      days: [1, 2, 3, 4, 5],
      open: '09:00',
      close: '18:00',
    });
    const cleared = await env
      .api()
      .patch(`/api/departments/${d.id}`)
      .send({ businessHours: null })
      .expect(200);
    expect(cleared.body.businessHours).toBeNull();

    // The API documents the fields the contract checks.
    const doc = (await env.anonymous().get('/api/docs/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const patch = JSON.stringify(doc.paths['/api/departments/{id}']?.patch ?? null);
    for (const field of ['businessHours', 'timezone', 'days', 'open', 'close'])
      expect(patch).toContain(`"${field}"`);
  });

  it('refuses people without the admin power, whatever their role', async () => {
    const sales = env.numbers.sales.departmentId;
    for (const actor of ['salesAgent', 'salesSupervisor', 'viewer'] as const) {
      await env.as(actor).get('/api/departments').expect(403);
      await env.as(actor).get(`/api/departments/${sales}`).expect(403);
      await env
        .as(actor)
        .post('/api/departments')
        .send({ key: key('nope'), name: 'Nope' })
        .expect(403);
      await env.as(actor).patch(`/api/departments/${sales}`).send({ name: 'Mine' }).expect(403);
      await env.as(actor).post(`/api/departments/${sales}/archive`).expect(403);
    }
    await env.anonymous().get('/api/departments').expect(401);
    expect(await env.query('select 1 from departments where key like $1', ['nope-%'])).toEqual([]);
  });
});
