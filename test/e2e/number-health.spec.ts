import { Clock } from '@switchboard/engine';
import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeWamid, messagesEnvelope } from './helpers';

interface Alert {
  id: string;
  numberId: string;
  kind: string;
  raisedAt: string;
  detail: Record<string, unknown>;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
}

const seconds = () => Math.floor(Date.now() / 1000);

describe('number health, silence alarm and alerts', () => {
  let env: TestEnvironment;
  let clock: Clock;

  beforeAll(async () => {
    env = await createTestEnvironment({
      config: {
        testing: { clock: 'controllable' },
        numbers: { healthCheckIntervalMs: 100 },
        plugins: { enabled: ['./plugins/dept-hr'] },
        // A send Meta refuses twice in a row with a retryable code fails at once.
        worker: { retryAttempts: 2 },
      },
    });
    clock = env.app.get(Clock);
  });
  afterAll(async () => {
    await env?.close();
  });

  const health = async (id: string) => (await env.api().get(`/api/numbers/${id}/health`).expect(200)).body;
  const alertsOf = async (id: string) =>
    (await env.api().get(`/api/numbers/${id}/alerts`).expect(200)).body.items as Alert[];
  /**
   * Resolves once a silence check that started after this call has completed, as the number's health view shows it
   * (its alarm must be on): that check saw whatever came before.
   */
  const laterCheck = async (id: string) => {
    const since = Date.now();
    await waitFor(
      async () => {
        const at = (await health(id)).silenceAlarm.lastCheckedAt as string | null;
        return at !== null && new Date(at).getTime() > since;
      },
      { what: `a later silence check of ${id}` },
    );
  };
  const inbound = (number: 'sales' | 'support', waId: string, body: string, timestamp: number) => {
    const wamid = fakeWamid();
    return env.sandbox
      .deliver(
        env.numbers[number].phoneNumberId,
        messagesEnvelope(env, number, {
          contacts: [{ profile: { name: 'Cliente' }, wa_id: waId }],
          messages: [{ from: waId, id: wamid, timestamp: String(timestamp), type: 'text', text: { body } }],
        }),
        { retry: false },
      )
      .then(() => wamid);
  };
  const stored = (wamid: string) =>
    waitFor(
      async () =>
        (
          await env.query<{ id: string; conversation_id: string }>(
            'select id, conversation_id from messages where wamid = $1',
            [wamid],
          )
        )[0],
      { what: `message ${wamid} stored` },
    );
  const reply = async (conversationId: string, text: string) =>
    (
      await env
        .api()
        .post(`/api/conversations/${conversationId}/messages`)
        .send({ type: 'text', text })
        .expect(202)
    ).body.id as string;
  const statusOf = (id: string, ...statuses: string[]) =>
    waitFor(
      async () =>
        statuses.includes(
          (await env.query<{ status: string }>('select status from messages where id = $1', [id]))[0]?.status,
        ),
      { what: `message ${id} ${statuses.join(' or ')}` },
    );

  it('reports token, webhook, quality history, traffic, webhook lag and failed sends by Meta code', async () => {
    const n = env.numbers.support;
    const tested = await env.api().post(`/api/numbers/${n.id}/connection-test`).expect(200);

    // Three messages whose Meta timestamps are 300, 20 and 10 seconds before they are delivered.
    const now = seconds();
    await stored(await inbound('support', '5511977770001', 'lag 300', now - 300));
    await stored(await inbound('support', '5511977770001', 'lag 20', now - 20));
    const lastWamid = await inbound('support', '5511977770001', 'lag 10', now - 10);
    const last = await stored(lastWamid);

    // Sends: one Meta accepts, two refused twice with 131000, one with 131016, one failed later by a status webhook.
    const ok = await reply(last.conversation_id, 'aceita');
    await statusOf(ok, 'accepted', 'sent', 'delivered', 'read');
    for (const [code, text] of [
      [131000, 'falha a'],
      [131000, 'falha b'],
      [131016, 'falha c'],
    ] as const) {
      env.sandbox.failNextSends(n.phoneNumberId, 2, code);
      await statusOf(await reply(last.conversation_id, text), 'failed');
    }
    const laterWamid = fakeWamid();
    env.sandbox.setNextWamid(n.phoneNumberId, laterWamid, { statuses: false });
    const later = await reply(last.conversation_id, 'falha depois');
    await statusOf(later, 'accepted');
    await env.sandbox.deliver(
      n.phoneNumberId,
      messagesEnvelope(env, 'support', {
        statuses: [
          {
            id: laterWamid,
            status: 'failed',
            timestamp: String(seconds()),
            recipient_id: '5511977770001',
            errors: [
              {
                code: 131049,
                title: 'This message was not delivered to maintain healthy ecosystem engagement.',
              },
            ],
          },
        ],
      }),
      { retry: false },
    );
    await statusOf(later, 'failed');

    // Meta downgrades the number's quality to RED: its webhook says FLAGGED (no rating), so the rating is unknown
    // until it is read again from Graph.
    const emitted = await fetch(`${env.sandbox.url}/_sim/events/phone_number_quality_update`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phoneNumberId: n.phoneNumberId, qualityRating: 'RED' }),
    });
    expect(emitted.status, await emitted.text()).toBe(200);
    const h = await waitFor(
      async () => {
        const view = await health(n.id);
        return view.quality.history.length >= 3 ? view : null;
      },
      { what: 'quality history' },
    );

    expect(h.token).toMatchObject({
      valid: true,
      health: 'active',
      error: null,
      checkedAt: tested.body.connectionTest.at,
    });
    expect(h.webhook).toMatchObject({ subscribed: true, checkedAt: tested.body.connectionTest.at });
    // The first connection test read the rating (unknown before: the number was registered from configuration),
    // then the FLAGGED event, then the re-read.
    expect(
      h.quality.history.map((p: Record<string, unknown>) => [
        p.event,
        p.previousQualityRating,
        p.qualityRating,
      ]),
    ).toEqual([
      [null, null, 'GREEN'],
      ['FLAGGED', 'GREEN', null],
      [null, null, 'RED'],
    ]);
    expect(h.quality.rating).toBe('RED');
    expect(h.lastInbound).toMatchObject({
      messageId: last.id,
      metaTimestamp: new Date((now - 10) * 1000).toISOString(),
    });
    expect(h.lastSuccessfulSend.messageId).toBe(ok);

    // Nearest rank over [~10, ~20, ~300] s: p50 is the 20-second one, p95 and max the 300-second one. Each lag is at
    // least its offset (Meta's timestamp is whole seconds, taken before delivery) and a few seconds more at most.
    expect(h.webhookLag.sample).toBe(3);
    expect(h.webhookLag.p50Seconds).toBeGreaterThanOrEqual(20);
    expect(h.webhookLag.p50Seconds).toBeLessThan(25);
    expect(h.webhookLag.p95Seconds).toBeGreaterThanOrEqual(300);
    expect(h.webhookLag.p95Seconds).toBeLessThan(305);
    expect(h.webhookLag.maxSeconds).toBe(h.webhookLag.p95Seconds);

    expect(h.failedSends.total).toBe(4);
    const byCode = (h.failedSends.byCode as { code: number; count: number; latestTitle: string }[]).sort(
      (a, b) => a.code - b.code,
    );
    expect(byCode.map((g) => [g.code, g.count])).toEqual([
      [131000, 2],
      [131016, 1],
      [131049, 1],
    ]);
    expect(byCode[0].latestTitle).toContain('Something went wrong');
    expect(byCode[1].latestTitle).toContain('Service unavailable');
    expect(byCode[2].latestTitle).toBe(
      'This message was not delivered to maintain healthy ecosystem engagement.',
    );

    expect(h.silenceAlarm).toMatchObject({
      minutes: null,
      businessHours: {
        source: 'default',
        pluginId: null,
        hours: { timezone: 'UTC', days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' },
      },
    });
    expect(h.openAlerts).toEqual([]);

    // A token Meta refuses: the next connection test says so with Meta's code.
    env.sandbox.setTokenValid(n.phoneNumberId, false);
    try {
      await env.api().post(`/api/numbers/${n.id}/connection-test`).expect(200);
      const refused = await health(n.id);
      expect(refused.token.valid).toBe(false);
      expect(refused.token.error.code).toBe(190);
    } finally {
      env.sandbox.setTokenValid(n.phoneNumberId, true);
      await env.api().post(`/api/numbers/${n.id}/connection-test`).expect(200);
    }
  });

  it('refuses bad settings and bad business hours, naming the field', async () => {
    const n = env.numbers.sales;
    for (const silenceAlarmMinutes of [4, 10081, 30.5, 'x'])
      expect(
        (
          await env
            .api()
            .patch(`/api/numbers/${n.id}/health-settings`)
            .send({ silenceAlarmMinutes })
            .expect(400)
        ).body.message,
      ).toMatch(/silenceAlarmMinutes/);
    const bad = await env
      .api()
      .patch(`/api/departments/${n.departmentId}`)
      .send({ businessHours: { timezone: 'Mars/Olympus', open: '10:00', close: '09:00' } })
      .expect(400);
    expect(bad.body.message).toMatch(/businessHours\.timezone/);
    expect(bad.body.message).toMatch(/businessHours\.close/);
    await env
      .as('salesAgent')
      .patch(`/api/numbers/${n.id}/health-settings`)
      .send({ silenceAlarmMinutes: 30 })
      .expect(403);
    expect((await health(n.id)).silenceAlarm.minutes).toBeNull();
  });

  it('the silence alarm fires inside business hours only, resolves on an inbound message, and is acknowledged', async () => {
    const n = env.numbers.sales;
    // Wednesday 10:00 UTC, inside the default hours (Monday–Friday 09:00–18:00 UTC).
    clock.set(new Date('2030-01-09T10:00:00Z'));
    const set = await env
      .api()
      .patch(`/api/numbers/${n.id}/health-settings`)
      .send({ silenceAlarmMinutes: 30 })
      .expect(200);
    expect(set.body.silenceAlarm).toMatchObject({
      minutes: 30,
      quietSince: '2030-01-09T10:00:00.000Z',
      withinBusinessHoursNow: true,
    });
    const audited = await env.query<{ details: Record<string, unknown> }>(
      `select details from audit_events where action = 'number.health_settings_changed' and target_id = $1`,
      [n.id],
    );
    expect(audited.map((a) => a.details)).toEqual([{ silenceAlarmMinutes: { from: null, to: 30 } }]);

    clock.advance(29 * 60_000);
    await laterCheck(n.id);
    expect(await alertsOf(n.id)).toEqual([]);
    clock.advance(2 * 60_000);
    const [alert] = await waitFor(() => alertsOf(n.id), { what: 'silence alert' });
    expect(alert).toMatchObject({
      kind: 'silence',
      numberId: n.id,
      raisedAt: '2030-01-09T10:31:00.000Z',
      acknowledgedAt: null,
      resolvedAt: null,
      detail: { minutes: 30, quietSince: '2030-01-09T10:00:00.000Z', businessHoursSource: 'default' },
    });
    // Later checks find it open: still one alert, and one event on the number's history.
    await laterCheck(n.id);
    expect(await alertsOf(n.id)).toHaveLength(1);
    const history = (await env.api().get(`/api/numbers/${n.id}/events`).expect(200)).body.items as {
      kind: string;
    }[];
    expect(history.filter((e) => e.kind === 'alert_raised')).toHaveLength(1);
    expect((await health(n.id)).openAlerts.map((a: Alert) => a.id)).toEqual([alert.id]);

    // Scoping: sales people see and acknowledge it; support's agent does not see it; the viewer may not acknowledge.
    const listed = async (actor: 'salesAgent' | 'supportAgent' | 'admin', status = 'open') =>
      ((await env.as(actor).get('/api/alerts').query({ status }).expect(200)).body.items as Alert[]).map(
        (a) => a.id,
      );
    expect(await listed('salesAgent')).toEqual([alert.id]);
    expect(await listed('supportAgent')).toEqual([]);
    await env.as('supportAgent').post(`/api/alerts/${alert.id}/acknowledge`).expect(404);
    await env.as('supportAgent').get(`/api/numbers/${n.id}/health`).expect(403);
    await env.as('viewer').post(`/api/alerts/${alert.id}/acknowledge`).expect(403);
    // Someone who replies in support but only views sales sees the alert and may not acknowledge it.
    await env
      .api()
      .post('/api/users')
      .send({
        email: 'mixed@test.switchboard',
        name: 'Mixed',
        password: 'a-long-password-1',
        memberships: [
          { departmentId: env.numbers.support.departmentId, role: 'agent' },
          { departmentId: n.departmentId, role: 'viewer' },
        ],
      })
      .expect(201);
    const mixed = (
      await env
        .anonymous()
        .post('/api/auth/login')
        .send({ email: 'mixed@test.switchboard', password: 'a-long-password-1' })
        .expect(200)
    ).body.accessToken as string;
    const asMixed = () => env.anonymous().set('Authorization', `Bearer ${mixed}`);
    expect(((await asMixed().get('/api/alerts').expect(200)).body.items as Alert[]).map((a) => a.id)).toEqual(
      [alert.id],
    );
    await asMixed().post(`/api/alerts/${alert.id}/acknowledge`).expect(403);
    const acked = await env.as('salesAgent').post(`/api/alerts/${alert.id}/acknowledge`).expect(200);
    expect(acked.body).toMatchObject({
      acknowledgedAt: '2030-01-09T10:31:00.000Z',
      acknowledgedBy: env.users.salesAgent.id,
      resolvedAt: null,
    });
    expect(await listed('admin', 'acknowledged')).toEqual([alert.id]);
    expect(await listed('admin', 'unacknowledged')).toEqual([]);
    expect(
      await env.query(
        `select 1 from audit_events where action = 'number_alert.acknowledged' and target_id = $1`,
        [alert.id],
      ),
    ).toHaveLength(1);

    // A customer writes: the alert resolves by itself.
    clock.advance(60_000);
    await stored(await inbound('sales', '5511977770002', 'olá', seconds()));
    const resolved = await waitFor(async () => (await alertsOf(n.id)).find((a) => a.resolvedAt), {
      what: 'alert resolved',
    });
    expect(resolved).toMatchObject({ id: alert.id, resolvedAt: '2030-01-09T10:32:00.000Z' });
    expect(await listed('admin')).toEqual([]);
    expect(await listed('admin', 'resolved')).toEqual([alert.id]);

    // Friday 17:50: ten minutes of business hours are left this week. The night and the weekend do not count and
    // never fire; Monday from 09:00 counts again, so 30 minutes are reached at 09:20.
    // (Off while the clock jumps, so no check sees two days of silence first.)
    await env
      .api()
      .patch(`/api/numbers/${n.id}/health-settings`)
      .send({ silenceAlarmMinutes: null })
      .expect(200);
    clock.set(new Date('2030-01-11T17:50:00Z'));
    await env
      .api()
      .patch(`/api/numbers/${n.id}/health-settings`)
      .send({ silenceAlarmMinutes: 30 })
      .expect(200);
    for (const at of [
      '2030-01-11T23:00:00Z',
      '2030-01-12T12:00:00Z',
      '2030-01-14T08:59:00Z',
      '2030-01-14T09:19:00Z',
    ]) {
      clock.set(new Date(at));
      await laterCheck(n.id);
      expect(
        (await alertsOf(n.id)).filter((a) => !a.resolvedAt),
        at,
      ).toEqual([]);
    }
    clock.set(new Date('2030-01-14T09:21:00Z'));
    const monday = await waitFor(async () => (await alertsOf(n.id)).find((a) => !a.resolvedAt), {
      what: 'silence alert on Monday',
    });
    expect(monday).toMatchObject({
      raisedAt: '2030-01-14T09:21:00.000Z',
      detail: { quietSince: '2030-01-11T17:50:00.000Z' },
    });
  });

  it("follows the department plugin's business hours, then the department's own when it sets them", async () => {
    const n = env.numbers.support;
    // The department plugin's hours apply while the department sets none. (Members-only pinned off first: dept-hr
    // would otherwise hide the department from the admin.)
    await env.api().patch(`/api/departments/${n.departmentId}`).send({ membersOnly: false }).expect(200);
    const pluginHours = { timezone: 'Europe/Lisbon', days: [1, 2, 3], open: '08:30', close: '12:00' };
    await env
      .api()
      .put(`/api/numbers/${n.id}/plugins/dept-hr`)
      .send({ enabled: true, settings: { greetNewConversations: false, businessHours: pluginHours } })
      .expect(200);
    expect((await health(n.id)).silenceAlarm.businessHours).toEqual({
      source: 'plugin',
      pluginId: 'dept-hr',
      hours: pluginHours,
    });

    // Saturday 03:00 UTC is outside the default hours, inside support's new ones (every day, all day, São Paulo).
    clock.set(new Date('2030-01-12T03:00:00Z'));
    const hours = {
      timezone: 'America/Sao_Paulo',
      days: [0, 1, 2, 3, 4, 5, 6],
      open: '00:00',
      close: '24:00',
    };
    const patched = await env
      .api()
      .patch(`/api/departments/${n.departmentId}`)
      .send({ businessHours: hours })
      .expect(200);
    expect(patched.body.businessHours).toEqual(hours);
    await env
      .api()
      .patch(`/api/numbers/${n.id}/health-settings`)
      .send({ silenceAlarmMinutes: 5 })
      .expect(200);
    const h = await health(n.id);
    expect(h.silenceAlarm).toMatchObject({
      businessHours: { source: 'department', hours },
      withinBusinessHoursNow: true,
    });
    clock.advance(6 * 60_000);
    const alert = await waitFor(async () => (await alertsOf(n.id)).find((a) => !a.resolvedAt), {
      what: 'silence alert in the department hours',
    });
    expect(alert.detail).toMatchObject({ businessHoursSource: 'department', businessHours: hours });
    // Turning the alarm off resolves it.
    await env
      .api()
      .patch(`/api/numbers/${n.id}/health-settings`)
      .send({ silenceAlarmMinutes: null })
      .expect(200);
    expect((await alertsOf(n.id)).filter((a) => !a.resolvedAt)).toEqual([]);
  });

  it('an alert follows its number to another department: the new one sees and acknowledges it, the old one gets 404', async () => {
    const n = env.numbers.sales;
    // Wednesday 10:00 UTC: a fresh alarm of 5 minutes fires at 10:05.
    clock.set(new Date('2030-01-16T10:00:00Z'));
    const alarm = (minutes: number | null) =>
      env
        .api()
        .patch(`/api/numbers/${n.id}/health-settings`)
        .send({ silenceAlarmMinutes: minutes })
        .expect(200);
    await alarm(null);
    await alarm(5);
    clock.advance(6 * 60_000);
    const alert = await waitFor(async () => (await alertsOf(n.id)).find((a) => !a.resolvedAt), {
      what: 'silence alert before the move',
    });

    const moved = (
      await env.api().post('/api/departments').send({ key: 'watch-moved', name: 'Watch moved' }).expect(201)
    ).body.id as string;
    await env
      .api()
      .post('/api/users')
      .send({
        email: 'moved-agent@test.switchboard',
        name: 'Moved agent',
        password: 'a-long-password-2',
        memberships: [{ departmentId: moved, role: 'agent' }],
      })
      .expect(201);
    const token = (
      await env
        .anonymous()
        .post('/api/auth/login')
        .send({ email: 'moved-agent@test.switchboard', password: 'a-long-password-2' })
        .expect(200)
    ).body.accessToken as string;
    const asMoved = () => env.anonymous().set('Authorization', `Bearer ${token}`);
    const ids = (r: { body: { items: Alert[] } }) => r.body.items.map((a) => a.id);
    expect(ids(await asMoved().get('/api/alerts').expect(200))).toEqual([]);

    const move = await env.api().post(`/api/numbers/${n.id}/move`).send({ departmentId: moved });
    expect(move.status, move.text).toBe(200);
    // The old department no longer sees or acknowledges it; the new one does both.
    expect(ids(await env.as('salesAgent').get('/api/alerts').expect(200))).not.toContain(alert.id);
    await env.as('salesAgent').post(`/api/alerts/${alert.id}/acknowledge`).expect(404);
    const listed = (await asMoved().get('/api/alerts').expect(200)).body.items as (Alert & {
      departmentId: string;
    })[];
    expect(listed.map((a) => [a.id, a.departmentId])).toEqual([[alert.id, moved]]);
    const acked = await asMoved().post(`/api/alerts/${alert.id}/acknowledge`).expect(200);
    expect(acked.body).toMatchObject({
      id: alert.id,
      departmentId: moved,
      acknowledgedAt: expect.any(String),
    });
    const [audited] = await env.query<{ department_id: string }>(
      `select department_id from audit_events where action = 'number_alert.acknowledged' and target_id = $1`,
      [alert.id],
    );
    expect(audited.department_id).toBe(moved);
    await alarm(null);
  });

  it('a token rotation Graph accepted makes the token valid on the health view without a new connection test', async () => {
    const n = env.numbers.support;
    const tests = async () =>
      (
        await env.query(
          `select 1 from audit_events where action = 'number.connection_tested' and target_id = $1`,
          [n.id],
        )
      ).length;
    env.sandbox.setTokenValid(n.phoneNumberId, false);
    const failed = await env.api().post(`/api/numbers/${n.id}/connection-test`).expect(200);
    expect((await health(n.id)).token).toMatchObject({ valid: false, error: { code: 190 } });
    const testsBefore = await tests();

    // Meta issued a working token (the sandbox keeps one token per number: valid again stands for the new one).
    env.sandbox.setTokenValid(n.phoneNumberId, true);
    await env
      .api()
      .patch(`/api/numbers/${n.id}/credentials`)
      .send({ accessToken: 'test-access-token-support' })
      .expect(200);
    const h = await health(n.id);
    expect(h.token).toMatchObject({ valid: true, health: 'active', error: null });
    expect(new Date(h.token.checkedAt).getTime()).toBeGreaterThan(
      new Date(failed.body.connectionTest.at).getTime(),
    );
    expect(await tests()).toBe(testsBefore);
  });

  it('a connection test that reads another quality rating adds a point to the quality history', async () => {
    const n = env.numbers.hr;
    await env.api().post(`/api/numbers/${n.id}/connection-test`).expect(200);
    const before = (await env.api().get(`/api/numbers/${n.id}`).expect(200)).body.qualityRating as string;
    const points = async () => (await health(n.id)).quality.history as Record<string, unknown>[];
    const start = (await points()).length;
    // Meta now reports YELLOW on GET /{phone-number-id}, without any webhook.
    const changed = await fetch(`${env.sandbox.url}/_sim/numbers/${n.phoneNumberId}/profile`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ qualityRating: before === 'YELLOW' ? 'RED' : 'YELLOW' }),
    });
    expect(changed.status, await changed.text()).toBe(200);
    const read = before === 'YELLOW' ? 'RED' : 'YELLOW';
    await env.api().post(`/api/numbers/${n.id}/connection-test`).expect(200);
    const after = await points();
    expect(after).toHaveLength(start + 1);
    expect(after.at(-1)).toMatchObject({ event: null, qualityRating: read, previousQualityRating: before });
    const events = (await env.api().get(`/api/numbers/${n.id}/events`).expect(200)).body.items as {
      kind: string;
      detail: Record<string, unknown>;
    }[];
    expect(events.filter((e) => e.kind === 'quality_changed').at(-1)?.detail).toMatchObject({
      metaEvent: null,
      source: 'connection_test',
      qualityRating: read,
      previousQualityRating: before,
    });
    // The same rating read again is no new point.
    await env.api().post(`/api/numbers/${n.id}/connection-test`).expect(200);
    expect(await points()).toHaveLength(start + 1);
  });
});
