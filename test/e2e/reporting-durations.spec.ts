import { Clock } from '@switchboard/engine';
import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Response and resolution times are counted per rounded duration (a daily rollup), never silently: durations in
 * different stretches of the rounding grid, figures worked out by hand from the rounded values, the same whether a
 * range is read from the rollup (whole UTC days), from the facts (partial days) or from both, and a duplicated
 * delivery of events counted once (by the durations and by volume).
 *
 * The rule, written out: a duration is rounded to a step of 1/20 of its power of ten of milliseconds from 1 to 2
 * times it, 1/10 from 2 to 5 times, 1/5 from 5 to 10 times (a half step to the even multiple).
 */
const T0 = Date.parse('2030-03-04T12:00:00Z'); // a Monday, inside the default calendar (09:00–18:00 UTC)
const at = (ms: number) => new Date(T0 + ms);

describe('reporting: response and resolution times from rounded durations', () => {
  let env: TestEnvironment;
  let clock: Clock;
  let sales: string;
  let n = 0;
  const ids: Record<string, string> = {};
  const waIds: Record<string, string> = {};
  const wholeMonday = { from: '2030-03-04T00:00:00Z', to: '2030-03-05T00:00:00Z' };

  const newWaId = () => `55218${Date.now().toString().slice(-6)}${String(n++).padStart(2, '0')}`;

  async function customerWrites(name: string, text: string) {
    waIds[name] ??= newWaId();
    await env.sandbox.customer(waIds[name]).withNumber(env.numbers.sales.phoneNumberId).text(text);
    const [row] = await waitFor(
      () =>
        env.query<{ conversation_id: string }>(
          `select m.conversation_id from messages m join conversations c on c.id = m.conversation_id
             join contacts k on k.id = c.contact_id where k.wa_id = $1 and m.body = $2`,
          [waIds[name], text],
        ),
      { what: `message "${text}" stored` },
    );
    ids[name] = row.conversation_id;
    await waitFor(
      () =>
        env.query(
          `select 1 from domain_events where name = 'conversation.routed' and payload->>'conversationId' = $1`,
          [row.conversation_id],
        ),
      { what: `${name} routed` },
    );
  }

  async function agentReplies(name: string, text: string) {
    const res = await env
      .as('salesAgent')
      .post(`/api/conversations/${ids[name]}/messages`)
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

  const times = (range: { from: string; to: string }) =>
    env
      .as('admin')
      .get('/api/reports/response-times')
      .query({ ...range, groupBy: 'department' })
      .expect(200);

  /** Reporting has applied every event published so far. */
  async function caughtUp() {
    const [last] = await env.query<{ xid: string; seq: string }>(
      'select xid::text, seq::text from domain_events order by xid desc, seq desc limit 1',
    );
    await waitFor(
      async () => {
        const [c] = await env.query<{ xid: string; seq: string; last_error: string | null }>(
          `select xid::text, seq::text, last_error from domain_event_cursors where subscriber = 'reporting.facts'`,
        );
        if (c.last_error) throw new Error(c.last_error);
        return BigInt(c.xid) > BigInt(last.xid) || (c.xid === last.xid && BigInt(c.seq) >= BigInt(last.seq));
      },
      { what: 'reporting caught up' },
    );
  }

  beforeAll(async () => {
    const shared: { clock?: Clock } = {};
    env = await createTestEnvironment({
      config: { testing: { clock: 'controllable' } },
      sandbox: { now: () => shared.clock?.now().getTime() ?? Date.now() },
    });
    clock = env.app.get(Clock);
    shared.clock = clock;
    sales = env.numbers.sales.departmentId;

    clock.set(at(0));
    for (const name of ['c1', 'c2', 'c3', 'c4', 'c5']) await customerWrites(name, `${name} olá`);
    clock.set(at(30_000));
    await agentReplies('c3', 'c3 resposta'); // 30,000: on the grid (3 × 10,000)
    clock.set(at(63_000));
    await agentReplies('c1', 'c1 resposta'); // 63,000 → 64,000 (steps of 2,000 from 50,000 to 100,000)
    clock.set(at(123_400));
    await agentReplies('c4', 'c4 resposta'); // 123,400 → 125,000 (steps of 5,000 from 100,000 to 200,000)
    clock.set(at(754_567));
    await agentReplies('c2', 'c2 resposta'); // 754,567 → 760,000 (steps of 20,000 from 500,000 to 1,000,000)
    clock.set(at(2_700_000));
    await env.as('salesAgent').post(`/api/conversations/${ids.c3}/close`).send({}).expect(200); // 45 min: exact
    clock.set(at(3_900_000));
    await agentReplies('c5', 'c5 resposta'); // 3,900,000: on the grid (steps of 100,000 from 2,000,000)
    clock.set(at(5_025_678));
    // 5,025,678 → 5,000,000 (steps of 200,000 from 5,000,000)
    await env.as('salesAgent').post(`/api/conversations/${ids.c1}/close`).send({}).expect(200);
    // Tuesday 09:00, and a reply 50 s later (50,000: on the grid).
    clock.set(new Date('2030-03-05T09:00:00Z'));
    await customerWrites('c6', 'c6 olá');
    clock.set(new Date('2030-03-05T09:00:50Z'));
    await agentReplies('c6', 'c6 resposta');
    await caughtUp();
  }, 180_000);
  afterAll(async () => {
    await env?.close();
  });

  // Monday's first responses rounded: 30,000 / 64,000 / 125,000 / 760,000 / 3,900,000. Median: the third,
  // 125,000 (exact values: 123,400). p90 at rank 0.9 × 4 = 3.6: 760,000 + 0.6 × 3,140,000 = 2,644,000.
  // Resolutions 2,700,000 / 5,000,000: median 3,850,000; p90 2,700,000 + 0.9 × 2,300,000 = 4,770,000.
  const monday = {
    key: '',
    name: 'Sales',
    firstResponse: { count: 5, medianMs: 125_000, p90Ms: 2_644_000 },
    nextResponse: { count: 0, medianMs: null, p90Ms: null },
    resolution: { count: 2, medianMs: 3_850_000, p90Ms: 4_770_000 },
  };

  it('a whole day (the rollup) gives the figures of the rounded durations, and says how they were rounded', async () => {
    const res = await times(wholeMonday);
    expect(res.body.rows).toEqual([{ ...monday, key: sales }]);
    expect(res.body.precision).toEqual({
      maxRelativeError: 0.025,
      rule: expect.stringContaining('at most 2.5 %'),
    });
    expect(res.headers['duration-precision']).toBe(res.body.precision.rule);
  });

  it('part of a day (the facts) rounds alike: the same figures', async () => {
    const res = await times({ from: '2030-03-04T11:30:00Z', to: '2030-03-04T14:00:00Z' });
    expect(res.body.rows).toEqual([{ ...monday, key: sales }]);
  });

  it('a whole day and part of the next together', async () => {
    // Monday from the rollup, Tuesday morning from the facts: c6's 50,000 joins. Six values: 30,000 / 50,000 /
    // 64,000 / 125,000 / 760,000 / 3,900,000; median at rank 2.5: 64,000 + 0.5 × 61,000 = 94,500; p90 at rank 4.5:
    // 760,000 + 0.5 × 3,140,000 = 2,330,000.
    const res = await times({ from: '2030-03-04T00:00:00Z', to: '2030-03-05T10:00:00Z' });
    expect(res.body.rows).toEqual([
      { ...monday, key: sales, firstResponse: { count: 6, medianMs: 94_500, p90Ms: 2_330_000 } },
    ]);
  });

  it('the OpenAPI description of the route states the rounding', async () => {
    const doc = (await env.anonymous().get('/api/docs/openapi.json').expect(200)).body as {
      paths: Record<string, { get?: { summary?: string; description?: string } }>;
    };
    const route = doc.paths['/api/reports/response-times'].get;
    expect(route?.summary).toContain('rounded to within 2.5 %');
    expect(route?.description).toContain('1/20 of its power of ten of milliseconds');
  });

  // Messages per hour, by hand: at 12:00 the five customers' messages in and the replies to c3, c1, c4 and c2 out;
  // at 13:00 c5's reply (at 13:05); Tuesday 09:00 c6's message and its reply.
  const volume = async () =>
    (
      await env
        .as('admin')
        .get('/api/reports/volume')
        .query({ from: '2030-03-04T00:00:00Z', to: '2030-03-06T00:00:00Z' })
        .expect(200)
    ).body.rows as { numberId: string; hour: string; inbound: number; outbound: number }[];
  const expectedVolume = () =>
    [
      ['2030-03-04T12:00:00.000Z', 5, 4],
      ['2030-03-04T13:00:00.000Z', 0, 1],
      ['2030-03-05T09:00:00.000Z', 1, 1],
    ].map(([hour, inbound, outbound]) =>
      expect.objectContaining({ numberId: env.numbers.sales.id, hour, inbound, outbound }),
    );

  it('volume counts each message once, in its hour', async () => {
    expect(await volume()).toEqual(expectedVolume());
  });

  it('events delivered twice (a customer message and its reply, a close) are counted once', async () => {
    // Two copies each of c2's message and reply and of c1's close, published again after everything in one
    // transaction (new positions, as a publisher retrying after a lost acknowledgement would; one batch holds both
    // copies): the copied reply measures a response whose row exists.
    await env.query(
      `with copies as (
         insert into domain_events (xid, name, payload, occurred_at)
         select pg_current_xact_id()::text::bigint, e.name, e.payload, e.occurred_at
           from domain_events e, generate_series(1, 2) copy
          where (e.name in ('message.received', 'message.sent') and e.payload->>'conversationId' = $1)
             or (e.name = 'conversation.closed' and e.payload->>'conversationId' = $2)
          order by copy, e.xid, e.seq
         returning 1)
       select pg_notify('switchboard_domain_events', 'conversation.closed,message.received,message.sent')
         from (select 1) one where exists (select 1 from copies)`,
      [ids.c2, ids.c1],
    );
    await caughtUp();
    const whole = await times(wholeMonday);
    expect(whole.body.rows).toEqual([{ ...monday, key: sales }]);
    const part = await times({ from: '2030-03-04T11:30:00Z', to: '2030-03-04T14:00:00Z' });
    expect(part.body.rows).toEqual([{ ...monday, key: sales }]);
    // The copied message and reply are the same messages (their ids): volume counts them once.
    expect(await volume()).toEqual(expectedVolume());
  });

  it('a new message and a copy of its event delivered in the same batch count once', async () => {
    // The test's connection holds reporting's delivery lock (as a worker in the middle of a batch would) while c7
    // writes at Tuesday 10:00 and a copy of its message.received is published: both then arrive in one batch.
    const lock = `hashtext('domain_event_cursor'), hashtext('reporting.facts')`;
    await env.query(`select pg_advisory_lock(${lock})`);
    try {
      clock.set(new Date('2030-03-05T10:00:00Z'));
      await customerWrites('c7', 'c7 olá');
      await env.query(
        `with copies as (
           insert into domain_events (xid, name, payload, occurred_at)
           select pg_current_xact_id()::text::bigint, e.name, e.payload, e.occurred_at
             from domain_events e where e.name = 'message.received' and e.payload->>'conversationId' = $1
           returning 1)
         select pg_notify('switchboard_domain_events', 'message.received') from (select 1) one
          where exists (select 1 from copies)`,
        [ids.c7],
      );
    } finally {
      await env.query(`select pg_advisory_unlock(${lock})`);
    }
    await caughtUp();
    expect(await volume()).toEqual([
      ...expectedVolume(),
      expect.objectContaining({
        numberId: env.numbers.sales.id,
        hour: '2030-03-05T10:00:00.000Z',
        inbound: 1,
        outbound: 0,
      }),
    ]);
  });
});
