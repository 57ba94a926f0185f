import { createTestEnvironment, freePort, TestEnvironment, waitFor } from '@switchboard/testing';
import { SandboxHandle, signBody, startSandbox } from '@switchboard/wa-sandbox';
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
  previousAppSecretAcceptedUntil: string | null;
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

const FOURTH = {
  phoneNumberId: '300000000000004',
  displayPhoneNumber: '15557770004',
  wabaId: '400000000000004',
  accessToken: 'fresh-access-token-4',
  appSecret: 'fresh-app-secret-4',
  verifyToken: 'fresh-verify-token-4',
};

const FIFTH = {
  phoneNumberId: '300000000000005',
  displayPhoneNumber: '15557770005',
  wabaId: '400000000000005',
  accessToken: 'fresh-access-token-5',
  appSecret: 'fresh-app-secret-5',
  verifyToken: 'fresh-verify-token-5',
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
    env = await createTestEnvironment({
      config: { whatsapp: { graphBaseUrl: metaUrl }, plugins: { enabled: ['./plugins/dept-hr'] } },
    });
    meta = await startSandbox({
      port,
      numbers: [FRESH, SECOND, THIRD, FOURTH, FIFTH].map((n, i) => ({
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
      subscribedWabas: [SECOND.wabaId, THIRD.wabaId, FOURTH.wabaId, FIFTH.wabaId],
    });
  });
  afterAll(async () => {
    await meta?.close();
    await env?.close();
    for (const text of seen)
      for (const n of [FRESH, SECOND, THIRD, FOURTH, FIFTH])
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
  describe('credentials', () => {
    const events = async (id: string) => {
      const r = await api().get(`/api/numbers/${id}/events`).expect(200);
      seen.push(r.text);
      return r.body.items as { kind: string; at: string; detail: Record<string, unknown> }[];
    };
    const rotate = async (id: string, payload: Record<string, unknown>) => {
      const r = await api().patch(`/api/numbers/${id}/credentials`).send(payload);
      seen.push(r.text);
      return r;
    };
    const health = async (id: string) =>
      (await env.query<{ health: string }>('select health from whatsapp_numbers where id = $1', [id]))[0]
        .health;
    /** An inbound text for a number of the second sandbox, as Meta posts it. */
    const envelope = (n: typeof FRESH, waId: string, text: string) => ({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: n.wabaId,
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: n.displayPhoneNumber, phone_number_id: n.phoneNumberId },
                contacts: [{ profile: { name: waId }, wa_id: waId }],
                messages: [
                  {
                    from: waId,
                    id: `wamid.numbers-${waId}-${++seq}`,
                    timestamp: String(Math.floor(Date.now() / 1000)),
                    type: 'text',
                    text: { body: text },
                  },
                ],
              },
            },
          ],
        },
      ],
    });
    /** The delivery that brought this text, once processed, as the inbound-events API shows it. */
    const deliveryOf = async (text: string) => {
      const [m] = await waitFor(
        async () => {
          const rows = await env.query<{ inbound_event_id: string }>(
            'select inbound_event_id from messages where body = $1',
            [text],
          );
          return rows.length ? rows : null;
        },
        { what: `message "${text}" stored` },
      );
      const r = await api().get(`/api/inbound-events/${m.inbound_event_id}`).expect(200);
      return r.body as { status: string; signedWithPreviousSecret: boolean };
    };

    it('a 190 during a send marks the number; a token Meta refuses changes nothing; a working one resumes sends', async () => {
      const support = env.numbers.support;
      await env.sandbox.customer('5511955550001').withNumber(support.phoneNumberId).text('oi');
      const [{ id: conversationId }] = await waitFor(async () => {
        const rows = await env.query<{ id: string }>(
          'select c.id from conversations c join contacts k on k.id = c.contact_id where k.wa_id = $1',
          ['5511955550001'],
        );
        return rows.length ? rows : null;
      });
      const reply = (text: string) =>
        api().post(`/api/conversations/${conversationId}/messages`).send({ type: 'text', text });
      const status = (id: string) =>
        env
          .query<{ status: string; error: { code?: number } | null }>(
            'select status, error from messages where id = $1',
            [id],
          )
          .then((r) => r[0]);
      env.sandbox.setTokenValid(support.phoneNumberId, false);
      const first = await reply('antes da troca').expect(202);
      await waitFor(async () => (await status(first.body.id)).status === 'failed', {
        what: 'send failed with 190',
      });
      expect(await health(support.id)).toBe('token_invalid');
      const marked = await events(support.id);
      expect(marked.map((e) => e.kind)).toEqual(['token_invalid']);
      expect(String(marked[0].detail.reason)).toMatch(/190/);
      expect((await api().get(`/api/numbers/${support.id}`).expect(200)).body.health).toBe('token_invalid');

      // A token Meta does not accept: 422 with Meta's code, and the number stays as it was.
      const bad = await rotate(support.id, { accessToken: 'a-token-meta-never-issued' });
      expect(bad.status, bad.text).toBe(422);
      expect((bad.body.checks as Check[]).map((c) => [c.name, c.ok, c.error?.code])).toEqual([
        ['token', false, 190],
      ]);
      expect(await health(support.id)).toBe('token_invalid');
      expect((await events(support.id)).map((e) => e.kind)).toEqual(['token_invalid']);

      // Meta issued a working token (the sandbox keeps one token per number: valid again stands for the new one).
      env.sandbox.setTokenValid(support.phoneNumberId, true);
      const good = await rotate(support.id, { accessToken: support.accessToken });
      expect(good.status, good.text).toBe(200);
      expect(good.body.health).toBe('active');
      const history = await events(support.id);
      expect(history.map((e) => [e.kind, e.detail])).toEqual([
        ['token_invalid', marked[0].detail],
        ['access_token_rotated', { reactivated: true }],
      ]);
      const [audited] = await env.query<{ department_id: string; details: unknown }>(
        `select department_id, details from audit_events where action = 'number.credentials_rotated' and target_id = $1`,
        [support.id],
      );
      expect(audited).toEqual({
        department_id: support.departmentId,
        details: { accessToken: true, appSecret: false },
      });
      // Sends resume.
      const second = await waitFor(
        async () => {
          const r = await reply('depois da troca');
          return r.status === 202 ? r : null;
        },
        { what: 'reply accepted after rotation' },
      );
      await waitFor(
        async () => ['sent', 'delivered', 'read'].includes((await status(second.body.id)).status),
        {
          what: 'reply sent after rotation',
        },
      );
    });

    it('after an app secret rotation the previous secret is accepted for the overlap, and the delivery says so', async () => {
      const [{ id }] = await stored(FRESH.phoneNumberId);
      const before = Date.now();
      const r = await rotate(id, { appSecret: 'fresh-app-secret-1-rotated' });
      expect(r.status, r.text).toBe(200);
      // Default overlap: 60 minutes.
      const until = new Date(r.body.previousAppSecretAcceptedUntil as string).getTime();
      expect(until).toBeGreaterThanOrEqual(before + 60 * 60_000 - 1000);
      expect(until).toBeLessThanOrEqual(Date.now() + 60 * 60_000 + 1000);
      expect((await events(id)).map((e) => [e.kind, e.detail])).toEqual([
        ['app_secret_rotated', { previousSecretAcceptedUntil: r.body.previousAppSecretAcceptedUntil }],
      ]);

      // Meta still signs with the previous secret (a retry from before the switch): accepted, and marked.
      const old = await meta.deliver(
        FRESH.phoneNumberId,
        envelope(FRESH, '5511955550002', 'assinado antes'),
        {
          retry: false,
        },
      );
      expect(old.status).toBe(200);
      expect(await deliveryOf('assinado antes')).toMatchObject({
        status: 'processed',
        signedWithPreviousSecret: true,
      });
      // Signed with the new secret: accepted as current.
      const raw = JSON.stringify(envelope(FRESH, '5511955550003', 'assinado depois'));
      await env
        .anonymous()
        .post('/webhooks/whatsapp')
        .set('Content-Type', 'application/json')
        .set('X-Hub-Signature-256', signBody(raw, 'fresh-app-secret-1-rotated'))
        .send(raw)
        .expect(200);
      expect(await deliveryOf('assinado depois')).toMatchObject({
        status: 'processed',
        signedWithPreviousSecret: false,
      });

      // Rotated again: the first secret is neither current nor previous any more.
      await rotate(id, { appSecret: 'fresh-app-secret-1-rotated-again' }).then((x) =>
        expect(x.status, x.text).toBe(200),
      );
      const refused = await meta.deliver(
        FRESH.phoneNumberId,
        envelope(FRESH, '5511955550004', 'assinado velho'),
        {
          retry: false,
        },
      );
      expect(refused.status).toBe(401);
      expect(await env.query('select 1 from messages where body = $1', ['assinado velho'])).toEqual([]);
      for (const text of seen) expect(text).not.toContain('fresh-app-secret-1-rotated');
    });

    it('a rotation with nothing to rotate is 400; a hidden or unknown number is 404', async () => {
      const r = await rotate(env.numbers.sales.id, {});
      expect(r.status).toBe(400);
      expect(r.text).toMatch(/accessToken, appSecret or both/);
      const unknown = '01900000-0000-7000-8000-000000000001';
      expect((await rotate(unknown, { appSecret: 'x-secret' })).status).toBe(404);
      await api().get(`/api/numbers/${unknown}/events`).expect(404);
    });
  });
  describe('moving', () => {
    const move = async (id: string, departmentId: string) => {
      const r = await api().post(`/api/numbers/${id}/move`).send({ departmentId });
      seen.push(r.text);
      return r;
    };
    const conversationsOf = (waId: string) =>
      env.query<{ department_id: string }>(
        `select c.department_id from conversations c join contacts k on k.id = c.contact_id
          where k.wa_id = $1 order by c.created_at`,
        [waId],
      );
    const conversationsNow = async (waId: string, n: number) =>
      waitFor(
        async () => {
          const rows = await conversationsOf(waId);
          return rows.length === n ? rows : null;
        },
        { what: `${n} conversation(s) of ${waId}` },
      );
    const messagesOf = (waId: string) =>
      env.query<{ body: string; department_id: string }>(
        `select m.body, c.department_id from messages m join conversations c on c.id = m.conversation_id
           join contacts k on k.id = c.contact_id where k.wa_id = $1 order by m.created_at`,
        [waId],
      );

    it('moves a number: new conversations open in the new department, an open one stays; history and audit', async () => {
      const from = await newDepartment();
      const to = await newDepartment();
      const created = await register(body(SECOND, from));
      expect(created.status, created.text).toBe(201);
      const id = created.body.id as string;
      await meta.customer('5511966660001', { phoneNumberId: SECOND.phoneNumberId }).text('antes');
      expect(await conversationsNow('5511966660001', 1)).toEqual([{ department_id: from }]);

      const r = await move(id, to);
      expect(r.status, r.text).toBe(200);
      expect(r.body.departmentId).toBe(to);
      // Listed under its new department.
      const dept = (await api().get(`/api/departments/${to}`).expect(200)).body as {
        numbers: { id: string }[];
      };
      expect(dept.numbers.map((n) => n.id)).toEqual([id]);

      await meta.customer('5511966660001', { phoneNumberId: SECOND.phoneNumberId }).text('depois');
      await meta.customer('5511966660002', { phoneNumberId: SECOND.phoneNumberId }).text('novo');
      expect(await conversationsNow('5511966660002', 1)).toEqual([{ department_id: to }]);
      await waitFor(async () => (await messagesOf('5511966660001')).length === 2, {
        what: 'second message stored',
      });
      expect(await messagesOf('5511966660001')).toEqual([
        { body: 'antes', department_id: from },
        { body: 'depois', department_id: from },
      ]);

      const history = (await api().get(`/api/numbers/${id}/events`).expect(200)).body.items as {
        kind: string;
        detail: unknown;
      }[];
      expect(history.map((e) => [e.kind, e.detail])).toEqual([
        ['moved', { fromDepartmentId: from, toDepartmentId: to }],
      ]);
      const audited = await env.query<{ department_id: string; details: unknown }>(
        `select department_id, details from audit_events where action = 'number.moved' and target_id = $1`,
        [id],
      );
      expect(audited).toEqual([
        { department_id: to, details: { fromDepartmentId: from, toDepartmentId: to } },
      ]);
      // Moving it where it already is changes nothing.
      const again = await move(id, to);
      expect(again.status, again.text).toBe(200);
      expect((await api().get(`/api/numbers/${id}/events`).expect(200)).body.items).toHaveLength(1);
    });

    it('refuses an archived, hidden or unknown department, and a number running a department plugin', async () => {
      const home = await newDepartment();
      const created = await register(body(FOURTH, home));
      expect(created.status, created.text).toBe(201);
      const id = created.body.id as string;
      const archived = await newDepartment();
      await api().post(`/api/departments/${archived}/archive`).expect(200);
      const r1 = await move(id, archived);
      expect(r1.status, r1.text).toBe(409);
      expect(r1.body.message).toMatch(/is archived/);
      const hidden = await newDepartment(true);
      const r2 = await move(id, hidden);
      expect(r2.status, r2.text).toBe(404);
      expect(r2.body.message).toBe(`department ${hidden} not found`);
      const unknown = '01900000-0000-7000-8000-000000000002';
      expect((await move(id, unknown)).status).toBe(404);
      // The admin pins "not members-only" first, so running dept-hr leaves the department visible.
      await api().patch(`/api/departments/${home}`).send({ membersOnly: false }).expect(200);
      await api()
        .put(`/api/numbers/${id}/plugins/dept-hr`)
        .send({
          enabled: true,
          settings: {
            greetNewConversations: false,
            businessHours: { days: [0, 1, 2, 3, 4, 5, 6], open: '00:00', close: '24:00' },
          },
        })
        .then((x) => expect(x.status, x.text).toBe(200));
      const r3 = await move(id, await newDepartment());
      expect(r3.status, r3.text).toBe(409);
      expect(r3.body.message).toMatch(/department plugin "dept-hr"/);
      const [row] = await env.query<{ department_id: string }>(
        'select department_id from whatsapp_numbers where id = $1',
        [id],
      );
      expect(row.department_id).toBe(home);
      expect(await env.query(`select 1 from number_events where number_id = $1`, [id])).toEqual([]);
    });
  });
  it('a disabled number: deliveries are acknowledged and held, replies refused; enabling processes them', async () => {
    const department = await newDepartment();
    const created = await register(body(FIFTH, department));
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    const customer = meta.customer('5511977770001', { phoneNumberId: FIFTH.phoneNumberId });
    await customer.text('primeira');
    const [{ id: conversationId }] = await waitFor(async () => {
      const rows = await env.query<{ id: string }>(
        `select c.id from conversations c join contacts k on k.id = c.contact_id where k.wa_id = $1`,
        ['5511977770001'],
      );
      return rows.length ? rows : null;
    });

    const off = await api().post(`/api/numbers/${id}/disable`).expect(200);
    expect(off.body.disabledAt).not.toBeNull();
    const held = await customer.text('retida');
    expect(held.result.status).toBe(200);
    const event = await waitFor(
      async () => {
        const items = (await api().get('/api/inbound-events').query({ status: 'held' }).expect(200)).body
          .items as { id: string; status: string }[];
        return items[0] ?? null;
      },
      { what: 'delivery held' },
    );
    expect(await env.query('select 1 from messages where body = $1', ['retida'])).toEqual([]);
    const refused = await api()
      .post(`/api/conversations/${conversationId}/messages`)
      .send({ type: 'text', text: 'não vai' });
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.message).toMatch(/is disabled/);

    const on = await api().post(`/api/numbers/${id}/enable`).expect(200);
    expect(on.body.disabledAt).toBeNull();
    await waitFor(
      async () => (await env.query('select 1 from messages where body = $1', ['retida'])).length === 1,
      {
        what: 'held delivery processed',
      },
    );
    expect((await api().get(`/api/inbound-events/${event.id}`).expect(200)).body.status).toBe('processed');
    const history = (await api().get(`/api/numbers/${id}/events`).expect(200)).body.items as {
      kind: string;
      detail: unknown;
    }[];
    expect(history.map((e) => [e.kind, e.detail])).toEqual([
      ['disabled', {}],
      ['enabled', { releasedDeliveries: 1 }],
    ]);
    await api()
      .post(`/api/conversations/${conversationId}/messages`)
      .send({ type: 'text', text: 'de volta' })
      .expect(202);
    await api().post('/api/numbers/01900000-0000-7000-8000-000000000003/disable').expect(404);
  });
});

describe('app secret rotation without overlap', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment({ config: { whatsapp: { appSecretOverlapMinutes: 0 } } });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('the previous secret stops at once, even while another number of the app still uses it', async () => {
    const sales = env.numbers.sales;
    // Sales and support share the app secret; only sales' is rotated.
    expect(sales.appSecret).toBe(env.numbers.support.appSecret);
    const r = await env
      .api()
      .patch(`/api/numbers/${sales.id}/credentials`)
      .send({ appSecret: 'sales-new-secret' });
    expect(r.status, r.text).toBe(200);
    expect(new Date(r.body.previousAppSecretAcceptedUntil).getTime()).toBeLessThanOrEqual(Date.now());
    // Signed with the old secret (still support's): stored and acknowledged, but not applied to sales.
    await env.sandbox.customer('5511988880001').withNumber(sales.phoneNumberId).text('segredo antigo');
    const [old] = await waitFor(
      async () => {
        const rows = await env.query<{ status: string; failures: { reason: string }[] }>(
          `select status, failures from inbound_events where raw_body like '%segredo antigo%' and status <> 'pending'`,
        );
        return rows.length ? rows : null;
      },
      { what: 'old-secret delivery processed' },
    );
    expect(old.status).toBe('failed');
    expect(old.failures[0].reason).toMatch(/belongs to another app/);
    expect(await env.query('select 1 from messages where body = $1', ['segredo antigo'])).toEqual([]);
    // Support's deliveries, signed with that same secret, are still its own.
    await env.sandbox
      .customer('5511988880002')
      .withNumber(env.numbers.support.phoneNumberId)
      .text('suporte ok');
    await waitFor(
      async () => (await env.query('select 1 from messages where body = $1', ['suporte ok'])).length === 1,
      {
        what: 'support message stored',
      },
    );
  });
});
