import { Clock } from '@switchboard/engine';
import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The reporting API on a fixed scenario driven through the public surface (webhooks from the sandbox, replies over
 * HTTP, card moves, closes) on the controllable clock. Every expected figure is worked out by hand in the comments.
 *
 * Rows name their key (users, teams, departments, numbers) as written here by hand: the seeded agents are named by
 * their key, the departments Sales and Support, the numbers by their display number, the sales one followed by the
 * verified name a connection test read from the sandbox.
 *
 * Both departments keep the default calendar (Monday to Friday, 09:00–18:00 UTC): the first hour happens inside
 * it (business time = wall time), and conversation 5 waits across a night (business time counts only open hours).
 */
const T0 = Date.parse('2030-03-04T12:00:00Z'); // a Monday
const MIN = 60_000;
const at = (ms: number) => new Date(T0 + ms);

describe('reporting: figures from recorded events, scoped by department, as JSON and CSV', () => {
  let env: TestEnvironment;
  let clock: Clock;
  let sales: string;
  let support: string;
  let n = 0;
  const ids = {} as Record<'c1' | 'c2' | 'c3' | 'c4' | 'c5', string>;
  const range = { from: '2030-03-04T00:00:00Z', to: '2030-03-06T00:00:00Z' };

  const newWaId = () => `55219${Date.now().toString().slice(-6)}${String(n++).padStart(2, '0')}`;

  /** The customer writes at the clock's time; resolves once stored (its event carries that time). */
  async function customerWrites(waId: string, text: string, number: 'sales' | 'support') {
    await env.sandbox.customer(waId).withNumber(env.numbers[number].phoneNumberId).text(text);
    const [row] = await waitFor(
      () =>
        env.query<{ conversation_id: string }>(
          `select m.conversation_id from messages m join conversations c on c.id = m.conversation_id
             join contacts k on k.id = c.contact_id where k.wa_id = $1 and m.body = $2`,
          [waId, text],
        ),
      { what: `message "${text}" stored` },
    );
    return row.conversation_id;
  }

  /** An agent replies at the clock's time; resolves once the send is confirmed (message.sent published). */
  async function agentReplies(actor: 'salesAgent' | 'supportAgent', conversationId: string, text: string) {
    const res = await env
      .as(actor)
      .post(`/api/conversations/${conversationId}/messages`)
      .send({ type: 'text', text });
    expect(res.status, res.text).toBe(202);
    await waitFor(
      () =>
        env.query(`select 1 from domain_events where name = 'message.sent' and payload->>'messageId' = $1`, [
          res.body.id,
        ]),
      { what: `reply "${text}" sent` },
    );
  }

  /** Waits for a domain event about the conversation (routing decided; a deadline passed). */
  const eventFor = (name: string, conversationId: string, kind?: string, times = 1) =>
    waitFor(
      async () =>
        (
          await env.query<{ n: number }>(
            `select count(*)::int as n from domain_events where name = $1 and payload->>'conversationId' = $2
                and ($3::text is null or payload->>'kind' = $3)`,
            [name, conversationId, kind ?? null],
          )
        )[0].n >= times,
      { what: `${name} for ${conversationId}` },
    );
  /** The reply ended the conversation's `times`-th clock of `kind`, before the clock moves on. */
  const clockEnded = (conversationId: string, kind: string, times = 1) =>
    eventFor('sla.clock_finished', conversationId, kind, times);

  const report = (
    actor: 'admin' | 'salesAgent' | 'supportAgent',
    path: string,
    query: Record<string, string>,
  ) =>
    env
      .as(actor)
      .get(`/api/reports/${path}`)
      .query({ ...range, ...query });

  beforeAll(async () => {
    // Meta's clock is the test's: customer messages are stamped in the test's time, so their windows are open.
    const shared: { clock?: Clock } = {};
    env = await createTestEnvironment({
      config: { testing: { clock: 'controllable' } },
      sandbox: { now: () => shared.clock?.now().getTime() ?? Date.now() },
    });
    clock = env.app.get(Clock);
    shared.clock = clock;
    sales = env.numbers.sales.departmentId;
    support = env.numbers.support.departmentId;
    // Reads the sales number's verified name from the sandbox; the support number keeps none.
    await env.api().post(`/api/numbers/${env.numbers.sales.id}/connection-test`).expect(200);

    // Sales counts the wall clock: first response due in 2 minutes, next response in 3.
    await env
      .api()
      .post(`/api/departments/${sales}/sla-policies`)
      .send({
        key: 'reporting',
        name: 'Reporting',
        businessHours: false,
        targets: {
          firstResponse: { warningMinutes: 1, breachMinutes: 2 },
          nextResponse: { warningMinutes: 1, breachMinutes: 3 },
        },
      })
      .expect(201);

    // Sales, conversation 1: three responses, then closed.
    clock.set(at(0));
    ids.c1 = await customerWrites(newWaId(), 'c1 olá', 'sales');
    await eventFor('conversation.routed', ids.c1);
    const c1 = (
      await env.query<{ wa_id: string }>(
        'select k.wa_id from conversations c join contacts k on k.id = c.contact_id where c.id = $1',
        [ids.c1],
      )
    )[0].wa_id;
    clock.set(at(1 * MIN));
    await agentReplies('salesAgent', ids.c1, 'c1 resposta 1'); // first response: 60,000 ms
    await clockEnded(ids.c1, 'first_response');
    // Sales, conversation 2 opens at +1 min (same minute, after the reply above).
    ids.c2 = await customerWrites(newWaId(), 'c2 olá', 'sales');
    await eventFor('conversation.routed', ids.c2);
    clock.set(at(2 * MIN));
    ids.c3 = await customerWrites(newWaId(), 'c3 olá', 'sales');
    await eventFor('conversation.routed', ids.c3);
    clock.set(at(2 * MIN + 30_000));
    await agentReplies('salesAgent', ids.c3, 'c3 resposta'); // first response: 30,000 ms (SLA met)
    await clockEnded(ids.c3, 'first_response');
    clock.set(at(4 * MIN));
    // Due at +3 min: breached while nobody owned it.
    await eventFor('sla.breached', ids.c2, 'first_response');
    await agentReplies('salesAgent', ids.c2, 'c2 resposta'); // first response: 3 min = 180,000 ms
    // Support, conversation 4: opens at +5 min.
    clock.set(at(5 * MIN));
    ids.c4 = await customerWrites(newWaId(), 'c4 olá', 'support');
    // Conversation 1 again: a next response after 2 minutes…
    clock.set(at(10 * MIN));
    await customerWrites(c1, 'c1 pergunta 2', 'sales');
    clock.set(at(12 * MIN));
    await agentReplies('salesAgent', ids.c1, 'c1 resposta 2'); // next response: 120,000 ms
    await clockEnded(ids.c1, 'next_response');
    // Conversation 4: one response, then its card waits on the customer.
    clock.set(at(15 * MIN));
    await agentReplies('supportAgent', ids.c4, 'c4 resposta'); // first response: 10 min = 600,000 ms
    const [card4] = await env.query<{ id: string }>('select id from cards where conversation_id = $1', [
      ids.c4,
    ]);
    await env.as('supportAgent').post(`/api/cards/${card4.id}/move`).send({ stage: 'waiting' }).expect(200);
    // …and one measured from the first of two unanswered messages.
    clock.set(at(20 * MIN));
    await customerWrites(c1, 'c1 pergunta 3', 'sales');
    clock.set(at(21 * MIN));
    await customerWrites(c1, 'c1 pergunta 4', 'sales');
    clock.set(at(25 * MIN));
    // The next-response clock restarted at +21 min: due at +24, breached (salesAgent owns c1).
    await eventFor('sla.breached', ids.c1, 'next_response');
    await agentReplies('salesAgent', ids.c1, 'c1 resposta 3'); // next response: 25 − 20 = 5 min = 300,000 ms
    clock.set(at(30 * MIN));
    await env.as('salesAgent').post(`/api/conversations/${ids.c1}/close`).send({}).expect(200); // resolution: 30 min
    clock.set(at(40 * MIN));
    await env.as('salesAgent').post(`/api/conversations/${ids.c2}/close`).send({}).expect(200); // closed after 39 min
    // Conversation 2 reopened at +50 and closed again at +58: its resolution is that cycle's 8 min (480,000 ms),
    // not the 57 min since it first opened (the closed stretch does not count), like the SLA resolution clock.
    clock.set(at(50 * MIN));
    await env.as('salesAgent').post(`/api/conversations/${ids.c2}/reopen`).send({}).expect(200);
    await eventFor('conversation.routed', ids.c2, undefined, 2);
    clock.set(at(58 * MIN));
    await env.as('salesAgent').post(`/api/conversations/${ids.c2}/close`).send({}).expect(200);
    // Conversation 3: the customer writes again in the next hour and waits.
    clock.set(at(65 * MIN));
    await customerWrites(
      (
        await env.query<{ wa_id: string }>(
          'select k.wa_id from conversations c join contacts k on k.id = c.contact_id where c.id = $1',
          [ids.c3],
        )
      )[0].wa_id,
      'c3 pergunta 2',
      'sales',
    );
    // Support, conversation 5: written at 17:50, answered the next morning at 09:10: 10 minutes before closing
    // and 10 after opening, 20 business minutes (1,200,000 ms) for 15 h 20 min of wall time.
    clock.set(at(5 * 60 * MIN + 50 * MIN));
    // Conversation 3's next response (due 13:08) breaches: it is overdue from now on.
    await eventFor('sla.breached', ids.c3, 'next_response');
    ids.c5 = await customerWrites(newWaId(), 'c5 olá', 'support');
    clock.set(at(21 * 60 * MIN + 10 * MIN));
    await agentReplies('supportAgent', ids.c5, 'c5 bom dia');
    // The last event of the scenario is recorded once Tuesday's 09:00 hour shows its reply.
    await waitFor(
      async () => {
        const res = await report('admin', 'volume', { departmentId: support });
        return (
          res.status === 200 && res.body.rows.some((r: { hour: string }) => r.hour.startsWith('2030-03-05'))
        );
      },
      { what: 'the last reply recorded by reporting' },
    );
  }, 120_000);
  afterAll(async () => {
    await env?.close();
  });

  it('overview: open, in progress, waiting on customer now; opened and closed in the range', async () => {
    const all = await report('admin', 'overview', {}).expect(200);
    // Open: c3 and c5 (owned by their agents, stage new) and c4 (support, waiting). Opened 5, closed 2 (c1, c2).
    expect(all.body).toEqual({
      ...range,
      open: 3,
      inProgress: 2,
      waitingOnCustomer: 1,
      // c3, whose next response is past its deadline.
      overdue: 1,
      opened: 5,
      closed: 2,
    });
    const salesOnly = await report('admin', 'overview', { departmentId: sales }).expect(200);
    expect(salesOnly.body).toMatchObject({
      open: 1,
      inProgress: 1,
      waitingOnCustomer: 0,
      opened: 3,
      closed: 2,
    });
    // A range that holds none of it: counts now stay, opened and closed are 0.
    const before = await report('admin', 'overview', {
      from: '2030-03-03T00:00:00Z',
      to: '2030-03-04T00:00:00Z',
    }).expect(200);
    expect(before.body).toMatchObject({ open: 3, opened: 0, closed: 0 });
  });

  it('backlog: open conversations per stage', async () => {
    const res = await report('admin', 'backlog', {}).expect(200);
    // Each row names its department and its stage (the default pipeline's names).
    const rows = [
      {
        departmentId: sales,
        departmentName: 'Sales',
        stageKey: 'new',
        stageName: 'New',
        stageCategory: 'open',
        count: 1,
      },
      {
        departmentId: support,
        departmentName: 'Support',
        stageKey: 'new',
        stageName: 'New',
        stageCategory: 'open',
        count: 1,
      },
      {
        departmentId: support,
        departmentName: 'Support',
        stageKey: 'waiting',
        stageName: 'Waiting on customer',
        stageCategory: 'waiting',
        count: 1,
      },
    ].sort((a, b) => a.departmentId.localeCompare(b.departmentId));
    expect(res.body.rows).toEqual(rows);
    const csv = await report('admin', 'backlog', { departmentId: support, format: 'csv' }).expect(200);
    expect(csv.text).toBe(
      'department_id,department_name,stage_key,stage_name,stage_category,count\r\n' +
        `${support},Support,new,New,open,1\r\n` +
        `${support},Support,waiting,Waiting on customer,waiting,1\r\n`,
    );
  });

  it('response times: exact median and p90 per department and per agent', async () => {
    const res = await report('admin', 'response-times', { groupBy: 'department' }).expect(200);
    const byKey = new Map<string, object>(res.body.rows.map((r: { key: string }) => [r.key, r]));
    // Sales first responses 30,000 / 60,000 / 180,000: median 60,000; p90 at rank 0.9 × 2 = 1.8 →
    // 60,000 + 0.8 × 120,000 = 156,000. Next: 120,000 / 300,000: median 210,000, p90 120,000 + 0.9 × 180,000 =
    // 282,000. Resolution: 480,000 (c2's second cycle) / 1,800,000: median 1,140,000, p90 480,000 + 0.9 ×
    // 1,320,000 = 1,668,000.
    expect(byKey.get(sales)).toEqual({
      key: sales,
      name: 'Sales',
      firstResponse: { count: 3, medianMs: 60_000, p90Ms: 156_000 },
      nextResponse: { count: 2, medianMs: 210_000, p90Ms: 282_000 },
      resolution: { count: 2, medianMs: 1_140_000, p90Ms: 1_668_000 },
    });
    expect(byKey.get(support)).toEqual({
      key: support,
      name: 'Support',
      // 600,000 and 1,200,000 (business time, not the night): median 900,000, p90 600,000 + 0.9 × 600,000.
      firstResponse: { count: 2, medianMs: 900_000, p90Ms: 1_140_000 },
      nextResponse: { count: 0, medianMs: null, p90Ms: null },
      resolution: { count: 0, medianMs: null, p90Ms: null },
    });
    // Each department has one number: the same figures per number.
    const numbers = await report('admin', 'response-times', { groupBy: 'number' }).expect(200);
    expect(numbers.body.rows.find((r: { key: string }) => r.key === env.numbers.sales.id)).toEqual({
      ...byKey.get(sales),
      key: env.numbers.sales.id,
      name: '1555000001 (Switchboard Sandbox)',
    });
    expect(numbers.body.rows.find((r: { key: string }) => r.key === env.numbers.support.id)?.name).toBe(
      '1555000002',
    );
    const agents = await report('admin', 'response-times', { groupBy: 'agent' }).expect(200);
    const salesAgent = agents.body.rows.find((r: { key: string }) => r.key === env.users.salesAgent.id);
    expect(salesAgent.name).toBe('salesAgent');
    // Every sales response and close was salesAgent's.
    expect(salesAgent.firstResponse).toEqual({ count: 3, medianMs: 60_000, p90Ms: 156_000 });
    expect(salesAgent.resolution).toEqual({ count: 2, medianMs: 1_140_000, p90Ms: 1_668_000 });
  });

  it('SLA: clocks met and breached, met % per department and per agent', async () => {
    // Sales: met c1 first (1 min), c3 first (30 s), c1's first next response (2 min); breached c2 first (3 min),
    // c1's second next response (restarted at +21, answered at +25) and c3's next response (still waiting): 50 %.
    const departments = await report('admin', 'sla', { groupBy: 'department' }).expect(200);
    expect(departments.body.rows).toEqual([
      { key: sales, name: 'Sales', met: 3, breached: 3, metPercent: 50 },
    ]);
    // c2 breached while nobody owned it: no agent. The others were salesAgent's: 3 of 5, 60 %.
    const agents = await report('admin', 'sla', { groupBy: 'agent' }).expect(200);
    expect(agents.body.rows).toEqual([
      { key: env.users.salesAgent.id, name: 'salesAgent', met: 3, breached: 2, metPercent: 60 },
      { key: null, name: null, met: 0, breached: 1, metPercent: 0 },
    ]);
    const supportSla = await report('supportAgent', 'sla', {}).expect(200);
    expect(supportSla.body.rows).toEqual([]);
  });

  it('volume: messages in and out per number and hour', async () => {
    const res = await report('admin', 'volume', {}).expect(200);
    // 12:00 sales: in c1 ×4, c2, c3 = 6; out c1 ×3, c2, c3 = 5. 13:00 sales: c3's second message. Support: c4 in
    // and out at 12:00, c5 in at 17:00 and out on Tuesday at 09:00.
    expect(res.body.rows).toEqual(
      [
        {
          numberId: env.numbers.sales.id,
          name: '1555000001 (Switchboard Sandbox)',
          departmentId: sales,
          hour: '2030-03-04T12:00:00.000Z',
          inbound: 6,
          outbound: 5,
        },
        {
          numberId: env.numbers.support.id,
          name: '1555000002',
          departmentId: support,
          hour: '2030-03-04T12:00:00.000Z',
          inbound: 1,
          outbound: 1,
        },
        {
          numberId: env.numbers.sales.id,
          name: '1555000001 (Switchboard Sandbox)',
          departmentId: sales,
          hour: '2030-03-04T13:00:00.000Z',
          inbound: 1,
          outbound: 0,
        },
        {
          numberId: env.numbers.support.id,
          name: '1555000002',
          departmentId: support,
          hour: '2030-03-04T17:00:00.000Z',
          inbound: 1,
          outbound: 0,
        },
        {
          numberId: env.numbers.support.id,
          name: '1555000002',
          departmentId: support,
          hour: '2030-03-05T09:00:00.000Z',
          inbound: 0,
          outbound: 1,
        },
      ].sort((a, b) => a.hour.localeCompare(b.hour) || a.numberId.localeCompare(b.numberId)),
    );
  });

  it("scoping: an agent sees only their departments; another department's id yields nothing", async () => {
    const own = await report('salesAgent', 'response-times', { groupBy: 'department' }).expect(200);
    expect(own.body.rows.map((r: { key: string }) => r.key)).toEqual([sales]);
    const forged = await report('salesAgent', 'volume', { departmentId: support }).expect(200);
    expect(forged.body.rows).toEqual([]);
    const forgedOverview = await report('salesAgent', 'overview', { departmentId: support }).expect(200);
    expect(forgedOverview.body).toMatchObject({ open: 0, opened: 0, closed: 0 });
    // An agent (no admin lookup) gets its department's and stages' names with the rows.
    const supportView = await report('supportAgent', 'backlog', {}).expect(200);
    expect(supportView.body.rows).toEqual([
      {
        departmentId: support,
        departmentName: 'Support',
        stageKey: 'new',
        stageName: 'New',
        stageCategory: 'open',
        count: 1,
      },
      {
        departmentId: support,
        departmentName: 'Support',
        stageKey: 'waiting',
        stageName: 'Waiting on customer',
        stageCategory: 'waiting',
        count: 1,
      },
    ]);
    await env.anonymous().get('/api/reports/overview').query(range).expect(401);
  });

  it('CSV on format=csv or Accept: text/csv', async () => {
    const byFormat = await report('salesAgent', 'overview', { format: 'csv' }).expect(200);
    expect(byFormat.headers['content-type']).toMatch(/^text\/csv/);
    expect(byFormat.text).toBe(
      'from,to,open,in_progress,waiting_on_customer,overdue,opened,closed\r\n' +
        '2030-03-04T00:00:00Z,2030-03-06T00:00:00Z,1,1,0,1,3,2\r\n',
    );
    const byAccept = await report('admin', 'volume', { departmentId: support })
      .set('Accept', 'text/csv')
      .expect(200);
    expect(byAccept.text).toBe(
      'number_id,name,department_id,hour,inbound,outbound\r\n' +
        `${env.numbers.support.id},1555000002,${support},2030-03-04T12:00:00.000Z,1,1\r\n` +
        `${env.numbers.support.id},1555000002,${support},2030-03-04T17:00:00.000Z,1,0\r\n` +
        `${env.numbers.support.id},1555000002,${support},2030-03-05T09:00:00.000Z,0,1\r\n`,
    );
    // Grouped reports carry the name beside the key; a name with a space or parentheses needs no quoting.
    const sla = await report('admin', 'sla', { groupBy: 'agent', format: 'csv' }).expect(200);
    expect(sla.text).toBe(
      'key,name,met,breached,met_percent\r\n' +
        `${env.users.salesAgent.id},salesAgent,3,2,60\r\n` +
        ',,0,1,0\r\n',
    );
    const times = await report('admin', 'response-times', { groupBy: 'number', format: 'csv' }).expect(200);
    expect(times.text.split('\r\n')[0]).toBe(
      'key,name,first_response_count,first_response_median_ms,first_response_p90_ms,next_response_count,' +
        'next_response_median_ms,next_response_p90_ms,resolution_count,resolution_median_ms,resolution_p90_ms',
    );
    expect(times.text).toContain(
      `${env.numbers.sales.id},1555000001 (Switchboard Sandbox),3,60000,156000,2,210000,282000,2,1140000,1668000\r\n`,
    );
  });

  it('bad ranges: 422 naming the field (missing, unparseable, reversed, unbounded)', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ from: range.from }, 'to'],
      [{ from: 'yesterday', to: range.to }, 'from'],
      [{ from: range.to, to: range.from }, 'to: must be after from'],
      [{ from: '2029-01-01T00:00:00Z', to: '2030-03-06T00:00:00Z' }, 'to: the range is unbounded'],
    ];
    for (const route of ['overview', 'backlog', 'response-times', 'sla', 'volume'])
      for (const [query, field] of cases) {
        const res = await env.as('admin').get(`/api/reports/${route}`).query(query).expect(422);
        expect(res.body.message, `${route} ${JSON.stringify(query)}`).toContain(field);
      }
  });

  it('events delivered again change nothing: each conversation remembers the last event applied', async () => {
    const figures = async () =>
      Promise.all(
        (['volume', 'response-times', 'overview', 'backlog'] as const).map(
          async (path) => (await report('admin', path, {}).expect(200)).body,
        ),
      );
    const before = await figures();
    const cursor = async () =>
      (
        await env.query<{ xid: string; seq: string; last_error: string | null }>(
          `select xid::text, seq::text, last_error from domain_event_cursors where subscriber = 'reporting.facts'`,
        )
      )[0];
    const end = await cursor();
    // The whole stream again, from its start.
    await env.query(`update domain_event_cursors set xid = 0, seq = 0 where subscriber = 'reporting.facts'`);
    await waitFor(
      async () => {
        const now = await cursor();
        if (now.last_error) throw new Error(now.last_error);
        return (
          BigInt(now.xid) > BigInt(end.xid) || (now.xid === end.xid && BigInt(now.seq) >= BigInt(end.seq))
        );
      },
      { what: 'reporting back at the end of the stream' },
    );
    expect(await figures()).toEqual(before);
  });
  it("names follow the owners' scoping: a number moved out of the caller's departments keeps only its id", async () => {
    const hr = env.numbers.hr.departmentId;
    const supportNumber = env.numbers.support.id;
    const names = async (actor: 'admin' | 'supportAgent') =>
      (
        (await report(actor, 'volume', { departmentId: support }).expect(200)).body.rows as {
          numberId: string;
          name: string | null;
        }[]
      ).map((r) => [r.numberId, r.name]);
    await env.api().post(`/api/numbers/${supportNumber}/move`).send({ departmentId: hr }).expect(200);
    try {
      // Support's rows stay Support's (the messages came through it then); the number is HR's now, which the
      // support agent cannot read: its rows keep the id, unnamed. An admin reads HR, so still sees the name.
      expect(await names('supportAgent')).toEqual([
        [supportNumber, null],
        [supportNumber, null],
        [supportNumber, null],
      ]);
      expect(await names('admin')).toEqual([
        [supportNumber, '1555000002'],
        [supportNumber, '1555000002'],
        [supportNumber, '1555000002'],
      ]);
    } finally {
      await env.api().post(`/api/numbers/${supportNumber}/move`).send({ departmentId: support });
    }
    expect(await names('supportAgent')).toEqual([
      [supportNumber, '1555000002'],
      [supportNumber, '1555000002'],
      [supportNumber, '1555000002'],
    ]);
  });

  it('the routes are in the OpenAPI document with their range, CSV and grouping', async () => {
    const doc = (await env.anonymous().get('/api/docs/openapi.json').expect(200)).body as {
      paths: Record<string, { get?: { parameters?: { name: string; required?: boolean }[] } }>;
    };
    for (const route of ['overview', 'backlog', 'response-times', 'sla', 'volume']) {
      const params = doc.paths[`/api/reports/${route}`]?.get?.parameters ?? [];
      expect(
        params.filter((p) => p.required).map((p) => p.name),
        route,
      ).toEqual(['from', 'to']);
      expect(
        params.map((p) => p.name),
        route,
      ).toContain('format');
    }
    expect(doc.paths['/api/reports/response-times'].get?.parameters?.map((p) => p.name)).toContain('groupBy');
  });
});

describe('reporting: a report cut off by reporting.statementTimeoutMs', () => {
  let env: TestEnvironment;
  const range = { from: '2030-01-01T00:00:00Z', to: '2031-01-01T00:00:00Z' };

  beforeAll(async () => {
    env = await createTestEnvironment({ config: { reporting: { statementTimeoutMs: 200 } } });
  }, 60_000);
  afterAll(async () => {
    await env?.close();
  });

  it('answers 503 naming the range ("narrow the range") instead of running on', async () => {
    await env.api().get('/api/reports/sla').query(range).expect(200);
    // Another session holds the fact tables: the reports' reads wait for the lock until their 200 ms limit.
    await env.db.query('begin');
    await env.db.query('lock table report_sla_outcomes, report_responses in access exclusive mode');
    try {
      for (const route of ['sla', 'response-times']) {
        const res = await env.api().get(`/api/reports/${route}`).query(range);
        expect(res.status, route).toBe(503);
        expect(res.body.message, route).toBe(
          'the report over 2030-01-01T00:00:00Z – 2031-01-01T00:00:00Z took longer than 200 ms: narrow the range',
        );
      }
    } finally {
      await env.db.query('rollback');
    }
    await env.api().get('/api/reports/response-times').query(range).expect(200);
  });
});
