import { Clock } from '@switchboard/engine';
import { createTestEnvironment, freePort, TestEnvironment, waitFor } from '@switchboard/testing';
import { SandboxHandle, startSandbox } from '@switchboard/wa-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Numbers "Meta" has and Switchboard does not yet: each test registers its own through the API. */
const numberAt = (n: number) => ({
  phoneNumberId: `30000000000009${n}`,
  displayPhoneNumber: `1555777009${n}`,
  wabaId: `40000000000009${n}`,
  accessToken: `archive-access-token-${n}`,
  appSecret: `archive-app-secret-${n}`,
  verifyToken: `archive-verify-token-${n}`,
});
const USED = numberAt(1);
const UNUSED = numberAt(2);
const HOLDING = numberAt(3);
const QUIET = numberAt(4);
const LOCKED = numberAt(5);
const ALL = [USED, UNUSED, HOLDING, QUIET, LOCKED];
type MetaNumber = ReturnType<typeof numberAt>;

interface HistoryItem {
  kind: string;
  detail: Record<string, unknown>;
}

describe('deleting and archiving numbers', () => {
  let env: TestEnvironment;
  let meta: SandboxHandle;
  let department: string;
  let clock: Clock;
  const seen: string[] = [];

  const api = () => env.api();
  const register = async (n: MetaNumber) => {
    const r = await api().post('/api/numbers').send({
      phoneNumberId: n.phoneNumberId,
      wabaId: n.wabaId,
      departmentId: department,
      accessToken: n.accessToken,
      appSecret: n.appSecret,
      verifyToken: n.verifyToken,
    });
    seen.push(r.text);
    return r;
  };
  const conversationOf = async (waId: string) =>
    (
      await waitFor(
        async () => {
          const rows = await env.query<{ id: string }>(
            'select c.id from conversations c join contacts k on k.id = c.contact_id where k.wa_id = $1',
            [waId],
          );
          return rows.length ? rows : null;
        },
        { what: `conversation of ${waId}` },
      )
    )[0].id;
  const messageStored = (text: string) =>
    waitFor(async () => (await env.query('select 1 from messages where body = $1', [text])).length === 1, {
      what: `message "${text}" stored`,
    });
  const heldDelivery = (numberId: string) =>
    waitFor(
      async () => {
        const items = (await api().get('/api/inbound-events').query({ status: 'held' }).expect(200)).body
          .items as { id: string; numberIds?: string[] }[];
        const [row] = await env.query<{ id: string }>(
          `select id from inbound_events where status = 'held' and number_ids @> array[$1]::uuid[]`,
          [numberId],
        );
        return row && items.some((i) => i.id === row.id) ? row.id : null;
      },
      { what: 'delivery held' },
    );
  const history = async (id: string) =>
    ((await api().get(`/api/numbers/${id}/events`).expect(200)).body.items as HistoryItem[]).map((e) => [
      e.kind,
      e.detail,
    ]);
  const audit = (action: string, targetId: string) =>
    env.query<{ department_id: string; details: Record<string, unknown> }>(
      'select department_id, details from audit_events where action = $1 and target_id = $2 order by at',
      [action, targetId],
    );
  const listed = async (query: Record<string, string> = {}) =>
    ((await api().get('/api/numbers').query(query).expect(200)).body.items as { id: string }[]).map(
      (n) => n.id,
    );

  beforeAll(async () => {
    const port = await freePort();
    env = await createTestEnvironment({
      config: {
        whatsapp: { graphBaseUrl: `http://127.0.0.1:${port}` },
        testing: { clock: 'controllable' },
        numbers: { healthCheckIntervalMs: 100 },
      },
    });
    clock = env.app.get(Clock);
    meta = await startSandbox({
      port,
      numbers: ALL.map((n) => ({ ...n, webhookUrl: `${env.url}/webhooks/whatsapp` })),
      subscribedWabas: ALL.map((n) => n.wabaId),
    });
    department = (
      await api().post('/api/departments').send({ key: 'retiring', name: 'Retiring' }).expect(201)
    ).body.id as string;
  });
  afterAll(async () => {
    await meta?.close();
    await env?.close();
    for (const text of seen)
      for (const n of ALL)
        for (const secret of [n.accessToken, n.appSecret, n.verifyToken]) expect(text).not.toContain(secret);
  });

  it('a number with conversations is not deleted (409 with the count) but archived: kept, unlisted, replies refused, deliveries held', async () => {
    const created = await register(USED);
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    await meta.customer('5511966660001', { phoneNumberId: USED.phoneNumberId }).text('primeira');
    const second = meta.customer('5511966660002', { phoneNumberId: USED.phoneNumberId });
    await second.text('segunda');
    await conversationOf('5511966660001');
    const conversationId = await conversationOf('5511966660002');

    const refused = await api().delete(`/api/numbers/${id}`);
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.message).toMatch(/has 2 conversation\(s\)/);
    expect(refused.body.message).toMatch(/archive it instead/);
    expect((await api().get(`/api/numbers/${id}`).expect(200)).body.archivedAt).toBeNull();
    expect(await audit('number.deleted', id)).toEqual([]);

    const archived = await api().post(`/api/numbers/${id}/archive`).expect(200);
    seen.push(archived.text);
    expect(archived.body.archivedAt).not.toBeNull();
    // Archiving twice changes nothing.
    expect((await api().post(`/api/numbers/${id}/archive`).expect(200)).body.archivedAt).toBe(
      archived.body.archivedAt,
    );
    expect(await listed()).not.toContain(id);
    expect(await listed({ archived: 'true' })).toEqual([id]);
    expect((await api().get(`/api/numbers/${id}`).expect(200)).body.archivedAt).toBe(
      archived.body.archivedAt,
    );
    // History and conversations stay readable.
    const messages = (await api().get(`/api/conversations/${conversationId}/messages`).expect(200)).body
      .items as { body: string }[];
    expect(messages.map((m) => m.body)).toContain('segunda');

    const reply = await api()
      .post(`/api/conversations/${conversationId}/messages`)
      .send({ type: 'text', text: 'não vai' });
    expect(reply.status, reply.text).toBe(409);
    expect(reply.body.message).toMatch(new RegExp(`${USED.phoneNumberId} is archived`));

    // Meta still delivers: acknowledged, stored, held, nothing recorded.
    const late = await second.text('depois do arquivo');
    expect(late.result.status).toBe(200);
    const eventId = await heldDelivery(id);
    expect(await env.query('select 1 from messages where body = $1', ['depois do arquivo'])).toEqual([]);

    const again = await register(USED);
    expect(again.status, again.text).toBe(409);
    expect(again.body.message).toMatch(new RegExp(`phone_number_id ${USED.phoneNumberId} .*archived`));

    const back = await api().post(`/api/numbers/${id}/unarchive`).expect(200);
    expect(back.body.archivedAt).toBeNull();
    await messageStored('depois do arquivo');
    expect((await api().get(`/api/inbound-events/${eventId}`).expect(200)).body.status).toBe('processed');
    expect(await listed()).toContain(id);
    await api()
      .post(`/api/conversations/${conversationId}/messages`)
      .send({ type: 'text', text: 'de volta' })
      .expect(202);

    expect(await history(id)).toEqual([
      ['archived', { conversations: 2 }],
      ['unarchived', { releasedDeliveries: 1 }],
    ]);
    expect(await audit('number.archived', id)).toEqual([
      { department_id: department, details: { conversations: 2 } },
    ]);
    expect(await audit('number.unarchived', id)).toEqual([
      { department_id: department, details: { releasedDeliveries: 1 } },
    ]);
  });

  it('a number without conversations is deleted with its sealed secrets, audited, and can be registered again', async () => {
    const created = await register(UNUSED);
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    await api().post(`/api/numbers/${id}/archive`).expect(200);

    const gone = await api().delete(`/api/numbers/${id}`);
    expect(gone.status, gone.text).toBe(204);
    await api().get(`/api/numbers/${id}`).expect(404);
    await api().get(`/api/numbers/${id}/events`).expect(404);
    expect(await listed({ archived: 'true' })).not.toContain(id);
    // The row held the sealed token and secrets: nothing of it is left.
    expect(
      await env.query('select 1 from whatsapp_numbers where phone_number_id = $1', [UNUSED.phoneNumberId]),
    ).toEqual([]);
    expect(await env.query('select 1 from number_events where number_id = $1', [id])).toEqual([]);
    expect(await audit('number.deleted', id)).toEqual([
      {
        department_id: department,
        details: {
          phoneNumberId: UNUSED.phoneNumberId,
          wabaId: UNUSED.wabaId,
          displayPhoneNumber: UNUSED.displayPhoneNumber,
        },
      },
    ]);
    await api().delete(`/api/numbers/${id}`).expect(404);

    const again = await register(UNUSED);
    expect(again.status, again.text).toBe(201);
    expect(again.body.id).not.toBe(id);
  });

  it('a number with held deliveries is not deleted until they are processed (then it has a conversation)', async () => {
    const created = await register(HOLDING);
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    await api().post(`/api/numbers/${id}/disable`).expect(200);
    await meta.customer('5511966660003', { phoneNumberId: HOLDING.phoneNumberId }).text('retida');
    await heldDelivery(id);

    const refused = await api().delete(`/api/numbers/${id}`);
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.message).toMatch(/1 held deliveries/);

    await api().post(`/api/numbers/${id}/enable`).expect(200);
    await messageStored('retida');
    const now = await api().delete(`/api/numbers/${id}`);
    expect(now.status, now.text).toBe(409);
    expect(now.body.message).toMatch(/has 1 conversation\(s\)/);
    expect((await api().get(`/api/numbers/${id}`).expect(200)).body.id).toBe(id);
  });

  it('unknown numbers are 404; agents cannot archive or delete (403)', async () => {
    const unknown = '01900000-0000-7000-8000-0000000000aa';
    await api().delete(`/api/numbers/${unknown}`).expect(404);
    await api().post(`/api/numbers/${unknown}/archive`).expect(404);
    await api().post(`/api/numbers/${unknown}/unarchive`).expect(404);
    await api().get('/api/numbers').query({ archived: 'maybe' }).expect(400);
    const sales = env.numbers.sales.id;
    await env.as('salesAgent').delete(`/api/numbers/${sales}`).expect(403);
    await env.as('salesAgent').post(`/api/numbers/${sales}/archive`).expect(403);
    expect((await api().get(`/api/numbers/${sales}`).expect(200)).body.archivedAt).toBeNull();
  });

  it("archiving resolves the number's open alerts and the silence check leaves it alone; deleting drops its alarm and alerts", async () => {
    // The department answers at any hour, so a silence alarm counts every minute.
    await api()
      .patch(`/api/departments/${department}`)
      .send({
        businessHours: { timezone: 'UTC', days: [0, 1, 2, 3, 4, 5, 6], open: '00:00', close: '24:00' },
      })
      .expect(200);
    const created = await register(QUIET);
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    const alertsOf = async (numberId: string) =>
      (await api().get(`/api/numbers/${numberId}/alerts`).expect(200)).body.items as {
        id: string;
        resolvedAt: string | null;
      }[];
    await api().patch(`/api/numbers/${id}/health-settings`).send({ silenceAlarmMinutes: 5 }).expect(200);
    // Another number's alarm shows when a later check has run (an archived number is not checked at all).
    const marker = env.numbers.sales.id;
    await api()
      .patch(`/api/numbers/${marker}/health-settings`)
      .send({ silenceAlarmMinutes: 10080 })
      .expect(200);
    clock.advance(6 * 60_000);
    const [alert] = await waitFor(async () => (await alertsOf(id)).filter((a) => !a.resolvedAt), {
      what: 'silence alert',
    });

    await api().post(`/api/numbers/${id}/archive`).expect(200);
    expect(await alertsOf(id)).toEqual([
      expect.objectContaining({ id: alert.id, resolvedAt: expect.any(String) }),
    ]);
    expect((await history(id)).filter(([kind]) => kind === 'alert_resolved')).toEqual([
      ['alert_resolved', { alertId: alert.id, kind: 'silence', reason: 'number archived' }],
    ]);
    // An hour of silence later, a check that started after it has run: still no open alert.
    clock.advance(60 * 60_000);
    const since = Date.now();
    await waitFor(
      async () => {
        const at = (await api().get(`/api/numbers/${marker}/health`).expect(200)).body.silenceAlarm
          .lastCheckedAt as string | null;
        return at !== null && new Date(at).getTime() > since;
      },
      { what: 'a later silence check' },
    );
    expect((await alertsOf(id)).filter((a) => !a.resolvedAt)).toEqual([]);

    await api().delete(`/api/numbers/${id}`).expect(204);
    expect(await env.query('select 1 from number_watches where number_id = $1', [id])).toEqual([]);
    expect(await env.query('select 1 from number_alerts where number_id = $1', [id])).toEqual([]);
    await api()
      .patch(`/api/numbers/${marker}/health-settings`)
      .send({ silenceAlarmMinutes: null })
      .expect(200);
  });

  it('an archived number refuses move, rotation, disable and enable (409 naming it) until it is unarchived', async () => {
    const created = await register(LOCKED);
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    const other = (
      await api().post('/api/departments').send({ key: 'elsewhere', name: 'Elsewhere' }).expect(201)
    ).body.id as string;
    await api().post(`/api/numbers/${id}/archive`).expect(200);
    const refusals = [
      await api().post(`/api/numbers/${id}/move`).send({ departmentId: other }),
      await api()
        .patch(`/api/numbers/${id}/credentials`)
        .send({ appSecret: 'another-app-secret-for-locked' }),
      await api().patch(`/api/numbers/${id}/credentials`).send({ accessToken: LOCKED.accessToken }),
      await api().post(`/api/numbers/${id}/disable`),
      await api().post(`/api/numbers/${id}/enable`),
    ];
    for (const r of refusals) {
      seen.push(r.text);
      expect(r.status, r.text).toBe(409);
      expect(r.body.message).toBe(
        `number ${LOCKED.phoneNumberId} is archived; unarchive it first (POST /api/numbers/${id}/unarchive)`,
      );
    }
    const after = (await api().get(`/api/numbers/${id}`).expect(200)).body;
    expect(after).toMatchObject({
      departmentId: department,
      disabledAt: null,
      previousAppSecretAcceptedUntil: null,
    });
    expect((await history(id)).map(([kind]) => kind)).toEqual(['archived']);

    await api().post(`/api/numbers/${id}/unarchive`).expect(200);
    expect((await api().post(`/api/numbers/${id}/disable`).expect(200)).body.disabledAt).not.toBeNull();
    expect(
      (await api().post(`/api/numbers/${id}/move`).send({ departmentId: other }).expect(200)).body
        .departmentId,
    ).toBe(other);
  });
});
