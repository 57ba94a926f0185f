import { createTestEnvironment, freePort, TestEnvironment } from '@switchboard/testing';
import { SandboxHandle, startSandbox } from '@switchboard/wa-sandbox';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Check {
  name: string;
  ok: boolean;
  detail?: string;
  error?: { code: number | null; subcode?: number | null; message: string };
}
interface NumberBody {
  id: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
  wabaId: string;
  departmentId: string;
  health: string;
  verifiedName: string | null;
  qualityRating: string | null;
  messagingLimitTier: string | null;
  nameStatus: string | null;
  throughputLevel: string | null;
  connectionTest: { ok: boolean; at: string; checks: Check[] } | null;
}

/**
 * "Meta" for numbers not registered yet: a second sandbox at the Graph address the app is configured with. Its
 * first WABA starts without the app subscribed, so registration has to subscribe it.
 */
const FRESH = {
  phoneNumberId: '300000000000001',
  displayPhoneNumber: '15557770001',
  wabaId: '400000000000001',
  accessToken: 'fresh-access-token-1',
  appSecret: 'fresh-app-secret-1',
  verifyToken: 'fresh-verify-token-1',
};
const SECOND = {
  phoneNumberId: '300000000000002',
  displayPhoneNumber: '15557770002',
  wabaId: '400000000000002',
  accessToken: 'fresh-access-token-2',
  appSecret: 'fresh-app-secret-2',
  verifyToken: 'fresh-verify-token-2',
};
const THIRD = {
  phoneNumberId: '300000000000003',
  displayPhoneNumber: '15557770003',
  wabaId: '400000000000003',
  accessToken: 'fresh-access-token-3',
  appSecret: 'fresh-app-secret-3',
  verifyToken: 'fresh-verify-token-3',
};

describe('numbers API', () => {
  let env: TestEnvironment;
  let meta: SandboxHandle;
  let metaUrl: string;
  /** Every response body seen, to prove no secret ever left the API. */
  const seen: string[] = [];
  let seq = 0;

  const api = () => env.api();
  const body = (n: typeof FRESH, departmentId: string) => ({
    phoneNumberId: n.phoneNumberId,
    wabaId: n.wabaId,
    departmentId,
    accessToken: n.accessToken,
    appSecret: n.appSecret,
    verifyToken: n.verifyToken,
  });
  const register = async (payload: Record<string, unknown>) => {
    const r = await api().post('/api/numbers').send(payload);
    seen.push(r.text);
    return r;
  };
  const newDepartment = async (membersOnly = false) =>
    (
      await api()
        .post('/api/departments')
        .send({ key: `numbers-${++seq}`, name: `Numbers ${seq}`, membersOnly })
        .expect(201)
    ).body.id as string;
  const stored = (phoneNumberId: string) =>
    env.query<{ id: string }>('select id from whatsapp_numbers where phone_number_id = $1', [phoneNumberId]);
  const audit = (action: string) =>
    env.query<{ target_id: string; department_id: string; details: Record<string, unknown> }>(
      'select target_id, department_id, details from audit_events where action = $1 order by at',
      [action],
    );
  /** Asks "Meta" directly whether the app is subscribed to the WABA. */
  const subscribedAt = async (n: typeof FRESH) =>
    (
      await request(metaUrl)
        .get(`/v24.0/${n.wabaId}/subscribed_apps`)
        .set('Authorization', `Bearer ${n.accessToken}`)
        .expect(200)
    ).body.data as unknown[];

  beforeAll(async () => {
    const port = await freePort();
    metaUrl = `http://127.0.0.1:${port}`;
    env = await createTestEnvironment({ config: { whatsapp: { graphBaseUrl: metaUrl } } });
    meta = await startSandbox({
      port,
      numbers: [FRESH, SECOND, THIRD].map((n, i) => ({
        ...n,
        webhookUrl: `${env.url}/webhooks/whatsapp`,
        profile:
          i === 0
            ? {
                verifiedName: 'Acme Support',
                qualityRating: 'YELLOW',
                messagingLimitTier: 'TIER_10K',
                throughputLevel: 'HIGH',
                nameStatus: 'PENDING_REVIEW',
              }
            : {},
      })),
      subscribedWabas: [SECOND.wabaId, THIRD.wabaId],
    });
  });
  afterAll(async () => {
    await meta?.close();
    await env?.close();
    for (const text of seen)
      for (const n of [FRESH, SECOND, THIRD])
        for (const secret of [n.accessToken, n.appSecret, n.verifyToken]) expect(text).not.toContain(secret);
  });

  it('registers a number: every check passes, the app gets subscribed, Graph fields are kept, audited', async () => {
    const department = await newDepartment();
    expect(await subscribedAt(FRESH)).toEqual([]);
    const r = await register(body(FRESH, department));
    expect(r.status, r.text).toBe(201);
    const n = r.body as NumberBody;
    expect(n).toMatchObject({
      phoneNumberId: FRESH.phoneNumberId,
      displayPhoneNumber: FRESH.displayPhoneNumber,
      wabaId: FRESH.wabaId,
      departmentId: department,
      health: 'active',
      verifiedName: 'Acme Support',
      qualityRating: 'YELLOW',
      messagingLimitTier: 'TIER_10K',
      throughputLevel: 'HIGH',
      nameStatus: 'PENDING_REVIEW',
    });
    expect(n.connectionTest?.ok).toBe(true);
    expect(n.connectionTest?.checks.map((c) => [c.name, c.ok])).toEqual([
      ['token', true],
      ['subscribed_app', true],
      ['webhook_verify_token', true],
    ]);
    expect(n.connectionTest?.checks[1].detail).toMatch(/subscribed it/);
    expect((await subscribedAt(FRESH)).length).toBe(1);
    // Listed and readable; its verify token now answers Meta's handshake on the public route.
    const list = await api().get('/api/numbers').expect(200);
    seen.push(list.text);
    expect((list.body.items as NumberBody[]).find((x) => x.id === n.id)).toEqual(n);
    const one = await api().get(`/api/numbers/${n.id}`).expect(200);
    seen.push(one.text);
    expect(one.body).toEqual(n);
    await env
      .anonymous()
      .get('/webhooks/whatsapp')
      .query({ 'hub.mode': 'subscribe', 'hub.verify_token': FRESH.verifyToken, 'hub.challenge': 'c-123' })
      .expect(200, 'c-123');
    // Secrets are sealed in the database, not stored in clear.
    const [row] = await env.query<Record<string, string>>('select * from whatsapp_numbers where id = $1', [
      n.id,
    ]);
    expect(JSON.stringify(row)).not.toContain(FRESH.accessToken);
    expect(JSON.stringify(row)).not.toContain(FRESH.appSecret);
    expect(JSON.stringify(row)).not.toContain(FRESH.verifyToken);
    expect(await audit('number.registered')).toEqual([
      {
        target_id: n.id,
        department_id: department,
        details: {
          phoneNumberId: FRESH.phoneNumberId,
          wabaId: FRESH.wabaId,
          displayPhoneNumber: FRESH.displayPhoneNumber,
        },
      },
    ]);
  });

  it("a bad token is refused with 422 naming each failing check with Meta's code, and nothing is stored", async () => {
    const department = await newDepartment();
    const r = await register({ ...body(SECOND, department), accessToken: 'not-a-token-meta-knows' });
    expect(r.status, r.text).toBe(422);
    const checks = r.body.checks as Check[];
    expect(checks.map((c) => [c.name, c.ok, c.error?.code ?? null])).toEqual([
      ['token', false, 190],
      ['subscribed_app', false, 190],
      ['webhook_verify_token', true, null],
    ]);
    expect(checks[0].error?.message).toMatch(/Invalid OAuth access token/);
    expect(r.body.message).toMatch(/token \(#190\)/);
    expect(r.body.message).toMatch(/subscribed_app \(#190\)/);
    expect(await stored(SECOND.phoneNumberId)).toEqual([]);
    expect((await audit('number.registered')).filter((a) => a.department_id === department)).toEqual([]);
  });

  it("a WABA the token cannot see fails the subscription check with Meta's 100/33", async () => {
    const department = await newDepartment();
    const r = await register({ ...body(SECOND, department), wabaId: THIRD.wabaId });
    expect(r.status, r.text).toBe(422);
    const failing = (r.body.checks as Check[]).filter((c) => !c.ok);
    expect(failing.map((c) => [c.name, c.error?.code, c.error?.subcode])).toEqual([
      ['subscribed_app', 100, 33],
    ]);
    expect(await stored(SECOND.phoneNumberId)).toEqual([]);
  });

  it('a phone_number_id already registered is 409 naming it', async () => {
    const department = await newDepartment();
    const r = await register({
      ...body(SECOND, department),
      phoneNumberId: env.numbers.sales.phoneNumberId,
    });
    expect(r.status, r.text).toBe(409);
    expect(r.body.message).toBe(`phone_number_id ${env.numbers.sales.phoneNumberId} is already registered`);
    expect(await stored(env.numbers.sales.phoneNumberId)).toEqual([{ id: env.numbers.sales.id }]);
  });

  it('a verify token another number uses is 409 without saying which number', async () => {
    const department = await newDepartment();
    const r = await register({ ...body(SECOND, department), verifyToken: env.numbers.support.verifyToken });
    expect(r.status, r.text).toBe(409);
    expect(r.body.message).toMatch(/verify token is already used by another number/);
    for (const s of [
      env.numbers.support.phoneNumberId,
      env.numbers.support.id,
      env.numbers.support.displayPhoneNumber,
    ])
      expect(r.text).not.toContain(s);
    expect(r.text).not.toContain(env.numbers.support.verifyToken);
    expect(await stored(SECOND.phoneNumberId)).toEqual([]);
  });

  it('an unknown, hidden (members-only) or archived department is refused before anything is asked of Meta', async () => {
    const unknown = '01900000-0000-7000-8000-000000000000';
    const r1 = await register(body(SECOND, unknown));
    expect(r1.status, r1.text).toBe(404);
    expect(r1.body.message).toBe(`department ${unknown} not found`);
    const hidden = await newDepartment(true);
    const r2 = await register(body(SECOND, hidden));
    expect(r2.status, r2.text).toBe(404);
    expect(r2.body.message).toBe(`department ${hidden} not found`);
    const archived = await newDepartment();
    await api().post(`/api/departments/${archived}/archive`).expect(200);
    const r3 = await register(body(SECOND, archived));
    expect(r3.status, r3.text).toBe(409);
    expect(r3.body.message).toMatch(/is archived/);
    expect(await stored(SECOND.phoneNumberId)).toEqual([]);
  });

  it('bad input is 400 naming the field', async () => {
    const department = await newDepartment();
    const r = await register({ ...body(SECOND, department), phoneNumberId: '+1 555 777' });
    expect(r.status).toBe(400);
    expect(r.text).toMatch(/phoneNumberId/);
    const r2 = await register({ ...body(SECOND, department), accessToken: undefined });
    expect(r2.status).toBe(400);
    expect(r2.text).toMatch(/accessToken/);
  });

  it('runs the connection test on demand and keeps its results; a revoked token shows as 190', async () => {
    const department = await newDepartment();
    const created = (await register(body(THIRD, department))).body as NumberBody;
    expect(created.connectionTest?.ok).toBe(true);
    meta.setTokenValid(THIRD.phoneNumberId, false);
    const r = await api().post(`/api/numbers/${created.id}/connection-test`).expect(200);
    seen.push(r.text);
    const tested = r.body as NumberBody;
    expect(tested.connectionTest?.ok).toBe(false);
    expect(tested.connectionTest?.checks.map((c) => [c.name, c.ok, c.error?.code ?? null])).toEqual([
      ['token', false, 190],
      ['subscribed_app', false, 190],
      ['webhook_verify_token', true, null],
    ]);
    expect(new Date(tested.connectionTest!.at).getTime()).toBeGreaterThan(
      new Date(created.connectionTest!.at).getTime(),
    );
    // Kept: the number shows the latest results, and Graph's last known fields stay.
    const after = await api().get(`/api/numbers/${created.id}`).expect(200);
    expect(after.body.connectionTest).toEqual(tested.connectionTest);
    expect(after.body.verifiedName).toBe(created.verifiedName);
    meta.setTokenValid(THIRD.phoneNumberId, true);
    const again = await api().post(`/api/numbers/${created.id}/connection-test`).expect(200);
    expect(again.body.connectionTest.ok).toBe(true);
    const tests = (await audit('number.connection_tested')).filter((a) => a.target_id === created.id);
    expect(tests.map((a) => [a.department_id, a.details])).toEqual([
      [department, { ok: false, failed: ['token', 'subscribed_app'] }],
      [department, { ok: true, failed: [] }],
    ]);
  });

  it("a members-only department's numbers are hidden from admins who are not members (404, not listed)", async () => {
    const listed = async () =>
      ((await api().get('/api/numbers').expect(200)).body.items as NumberBody[]).map((x) => x.id);
    const [{ id }] = await stored(THIRD.phoneNumberId);
    const [{ department_id: department }] = await env.query<{ department_id: string }>(
      'select department_id from whatsapp_numbers where id = $1',
      [id],
    );
    expect(await listed()).toContain(id);
    // Flagged members-only, its department (where the admin holds no role) takes the number out of the admin's sight.
    await api().patch(`/api/departments/${department}`).send({ membersOnly: true }).expect(200);
    expect(await listed()).not.toContain(id);
    expect(await listed()).toContain(env.numbers.sales.id);
    const r = await api().get(`/api/numbers/${id}`).expect(404);
    expect(r.body.message).toBe(`number ${id} not found`);
    const [before] = await env.query('select connection_checked_at from whatsapp_numbers where id = $1', [
      id,
    ]);
    await api().post(`/api/numbers/${id}/connection-test`).expect(404);
    expect(await env.query('select connection_checked_at from whatsapp_numbers where id = $1', [id])).toEqual(
      [before],
    );
  });

  it('agents and viewers cannot manage numbers (403)', async () => {
    await env.as('salesSupervisor').get('/api/numbers').expect(403);
    await env.as('salesAgent').get(`/api/numbers/${env.numbers.sales.id}`).expect(403);
    const r = await env
      .as('salesSupervisor')
      .post('/api/numbers')
      .send(body(SECOND, env.numbers.sales.departmentId));
    expect(r.status).toBe(403);
    expect(await stored(SECOND.phoneNumberId)).toEqual([]);
  });
});
