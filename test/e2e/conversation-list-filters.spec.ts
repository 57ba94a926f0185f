import { Clock } from '@switchboard/engine';
import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The inbox list's filters over GET /api/conversations: search (contact name or phone), number, card stage, SLA
 * state, and the sorts by waiting time and by deadline, each paged by its own cursor and kept within the caller's
 * departments. The clock is frozen so waiting times and deadlines are known to the minute.
 */
const MIN = 60_000;

interface Listed {
  id: string;
  sla: { status: string };
}

describe('conversation list filters, search and sorts', () => {
  let env: TestEnvironment;
  let clock: Clock;
  let t0 = 0;
  // Carla writes first, on the support number (no policy), and is snoozed until she replies: not waiting. Ana
  // waits longest (breached by the time of the reads), Bruno writes ten minutes later (still within his deadline),
  // Davi last, and his card is moved to "in progress". Messages are stamped to the second by the sandbox: rows
  // written within one second tie on time and follow their ids (creation order).
  let ana: string;
  let bruno: string;
  let carla: string;
  let davi: string;
  const phones = {
    ana: '5511987650001',
    bruno: '5511912340002',
    carla: '5521955550003',
    davi: '5511987650004',
  };

  const moveTo = (minutes: number) => clock.set(new Date(t0 + minutes * MIN));

  async function customerWrites(
    waId: string,
    name: string,
    text: string,
    number: 'sales' | 'support' = 'sales',
  ): Promise<string> {
    await env.sandbox.customer(waId, { phoneNumberId: env.numbers[number].phoneNumberId, name }).text(text);
    const [row] = await waitFor(
      () =>
        env.query<{ id: string }>(
          'select c.id from conversations c join contacts k on k.id = c.contact_id where k.wa_id = $1',
          [waId],
        ),
      { what: `the conversation of ${name}` },
    );
    return row.id;
  }

  /** Waits for the first-response clock the customer's message starts (sales has a policy). */
  const clockStarted = (id: string) =>
    waitFor(
      async () => {
        const body = (await env.api().get(`/api/conversations/${id}/sla`).expect(200)).body as {
          clocks: { kind: string }[];
        };
        return body.clocks.some((c) => c.kind === 'first_response') || null;
      },
      { what: 'the first response clock' },
    );

  const list = async (query: Record<string, string | number>, as = env.api()) =>
    (await as.get('/api/conversations').query(query).expect(200)).body as {
      items: Listed[];
      nextCursor: string | null;
    };
  const ids = async (query: Record<string, string | number>) => (await list(query)).items.map((c) => c.id);

  beforeAll(async () => {
    env = await createTestEnvironment({ config: { testing: { clock: 'controllable' } } });
    clock = env.app.get(Clock);
    const sales = env.numbers.sales.departmentId;
    for (const d of [sales, env.numbers.support.departmentId])
      await env.api().put(`/api/departments/${d}/queues/default`).send({ strategy: 'manual' }).expect(200);
    await env
      .api()
      .post(`/api/departments/${sales}/sla-policies`)
      .send({
        key: 'standard',
        name: 'Standard',
        businessHours: false,
        targets: { firstResponse: { warningMinutes: 5, breachMinutes: 10 } },
      })
      .expect(201);

    t0 = Math.floor(Date.now() / MIN) * MIN;
    moveTo(0);
    carla = await customerWrites(phones.carla, 'Carla 100%', 'meu pedido', 'support');
    await env
      .api()
      .post(`/api/conversations/${carla}/snooze`)
      .send({ untilCustomerReplies: true })
      .expect(200);
    ana = await customerWrites(phones.ana, 'Ana Souza', 'quero um orçamento');
    await clockStarted(ana);
    moveTo(10);
    bruno = await customerWrites(phones.bruno, 'Bruno Lima', 'oi');
    await clockStarted(bruno);
    moveTo(12);
    davi = await customerWrites(phones.davi, 'Davi Rocha', 'bom dia');
    await clockStarted(davi);
    const [card] = await env.query<{ id: string }>('select id from cards where conversation_id = $1', [davi]);
    await env.api().post(`/api/cards/${card.id}/move`).send({ stage: 'in_progress' }).expect(200);
    // Ana's deadline (minute 10) has passed; Bruno's (20) and Davi's (22) are ahead.
    moveTo(15);
  });
  afterAll(async () => {
    await env?.close();
  });

  it('lists newest activity first by default', async () => {
    expect(await ids({})).toEqual([davi, bruno, ana, carla]);
  });

  it('searches the contact name (any case, % taken literally) and the phone number by its first digits', async () => {
    expect(await ids({ q: 'SOUZA' })).toEqual([ana]);
    expect(await ids({ q: 'a' })).toEqual([davi, bruno, ana, carla]);
    expect(await ids({ q: '100%' })).toEqual([carla]);
    expect(await ids({ q: '%' })).toEqual([carla]);
    expect(await ids({ q: '+55 11 9876' })).toEqual([davi, ana]);
    expect(await ids({ q: '552195' })).toEqual([carla]);
    expect(await ids({ q: 'nobody' })).toEqual([]);
  });

  it('filters by number, by card stage and by SLA state', async () => {
    expect(await ids({ numberId: env.numbers.support.id })).toEqual([carla]);
    expect(await ids({ numberId: env.numbers.sales.id })).toEqual([davi, bruno, ana]);
    expect(await ids({ stage: 'in_progress' })).toEqual([davi]);
    expect(await ids({ stage: 'new' })).toEqual([bruno, ana, carla]);
    expect(await ids({ sla: 'red' })).toEqual([ana]);
    expect(await ids({ sla: 'yellow' })).toEqual([davi, bruno]);
    expect(await ids({ sla: 'green' })).toEqual([carla]);
    // Each listed row shows the state it was filtered by.
    expect((await list({ sla: 'red' })).items[0].sla.status).toBe('red');
    expect(await ids({ sla: 'yellow', q: 'bruno' })).toEqual([bruno]);
  });

  it('sorts by waiting time (longest first) and by deadline (soonest first), the rest after', async () => {
    expect(await ids({ sort: 'waiting' })).toEqual([ana, bruno, davi, carla]);
    expect(await ids({ sort: 'deadline' })).toEqual([ana, bruno, davi, carla]);
    expect(await ids({ sort: 'deadline', sla: 'yellow' })).toEqual([bruno, davi]);
  });

  it('pages each sort with its cursor, one row at a time, without repeating or skipping', async () => {
    for (const [sort, expected] of [
      ['recent', [davi, bruno, ana, carla]],
      ['waiting', [ana, bruno, davi, carla]],
      ['deadline', [ana, bruno, davi, carla]],
    ] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Listed[]; nextCursor: string | null } = await list({
          sort,
          limit: 1,
          ...(cursor ? { cursor } : {}),
        });
        seen.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(expected);
    }
  });

  it('stays within the caller’s departments', async () => {
    const agentSees = (q: Record<string, string>) =>
      list(q, env.as('salesAgent')).then((p) => p.items.map((c) => c.id));
    expect(await agentSees({ q: 'carla' })).toEqual([]);
    expect(await agentSees({ numberId: env.numbers.support.id })).toEqual([]);
    expect(await agentSees({ sort: 'deadline' })).toEqual([ana, bruno, davi]);
  });

  it('refuses what it cannot read (400)', async () => {
    for (const query of [
      { sort: 'oldest' },
      { sla: 'blue' },
      { q: 'x'.repeat(101) },
      { q: '   ' },
      { numberId: 'not-a-uuid' },
      { stage: 's'.repeat(61) },
      { limit: 201 },
    ])
      await env.api().get('/api/conversations').query(query).expect(400);
  });
});
