import { Clock, TimerRunner } from '@switchboard/engine';
import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from './helpers';
import { configureAgent } from './support/assignment-fixtures';
import type { SlaView } from './support/sla-view';

const MIN = 60_000;

/**
 * SLA clocks per conversation, through webhooks and HTTP replies on a controllable clock, every policy on the wall
 * clock (businessHours false) so each deadline is computed here by hand: first response met by a person's reply,
 * a breach that fires once and turns the conversation red, the pause in a waiting stage resumed by the customer's
 * reply, nothing counted after close, next response per customer message, and a priority change and a transfer
 * that recompute the deadline from the time counted.
 */
describe('SLA clocks', () => {
  let env: TestEnvironment;
  let clock: Clock;
  let sales: string;
  let support: string;
  let standard: string;
  let urgent: string;
  let supportPolicy: string;
  let t0 = 0;
  let n = 0;

  const at = (minutes: number) => new Date(t0 + minutes * MIN).toISOString();
  /** Starts a scenario: the clock frozen on a whole minute. */
  const begin = () => {
    t0 = Math.floor(Date.now() / MIN) * MIN;
    clock.set(new Date(t0));
  };
  const moveTo = (minutes: number) => clock.set(new Date(t0 + minutes * MIN));
  const newWaId = () =>
    `55119${String(Date.now() % 1000000).padStart(6, '0')}${String(n++).padStart(2, '0')}`;

  const createPolicy = async (departmentId: string, body: Record<string, unknown>) =>
    (await env.api().post(`/api/departments/${departmentId}/sla-policies`).send(body).expect(201)).body
      .id as string;

  beforeAll(async () => {
    env = await createTestEnvironment({ config: { testing: { clock: 'controllable' } } });
    clock = env.app.get(Clock);
    sales = env.numbers.sales.departmentId;
    support = env.numbers.support.departmentId;
    // Nobody is assigned automatically: the agent's reply takes the conversation.
    for (const d of [sales, support])
      await env.api().put(`/api/departments/${d}/queues/default`).send({ strategy: 'manual' }).expect(200);
    // Every scenario's reply takes its conversation: room for all of them.
    await configureAgent(env, sales, env.users.salesAgent.id, { capacity: 50 });
    urgent = await createPolicy(sales, {
      key: 'urgent',
      name: 'Urgent',
      match: { priorities: ['urgent'] },
      businessHours: false,
      targets: {
        firstResponse: { warningMinutes: 5, breachMinutes: 10 },
        resolution: { warningMinutes: 60, breachMinutes: 120 },
      },
    });
    standard = await createPolicy(sales, {
      key: 'standard',
      name: 'Standard',
      businessHours: false,
      targets: {
        firstResponse: { warningMinutes: 10, breachMinutes: 30 },
        nextResponse: { warningMinutes: 5, breachMinutes: 20 },
        resolution: { warningMinutes: 100, breachMinutes: 240 },
        stages: { in_progress: { warningMinutes: 5, breachMinutes: 10 } },
      },
    });
    supportPolicy = await createPolicy(support, {
      key: 'support',
      name: 'Support',
      businessHours: false,
      targets: {
        firstResponse: { warningMinutes: 45, breachMinutes: 60 },
        resolution: { warningMinutes: 300, breachMinutes: 480 },
      },
    });
  });
  afterAll(async () => {
    await env?.close();
  });

  /** The customer writes on the sales number; resolves to the conversation once the message is stored. */
  async function customerWrites(
    waId: string,
    text: string,
    phoneNumberId = env.numbers.sales.phoneNumberId,
  ): Promise<string> {
    await env.sandbox.customer(waId).withNumber(phoneNumberId).text(text);
    const [row] = await waitFor(
      async () => {
        const r = await env.query<{ conversation_id: string }>(
          `select m.conversation_id from messages m join conversations c on c.id = m.conversation_id
             join contacts k on k.id = c.contact_id where k.wa_id = $1 and m.body = $2`,
          [waId, text],
        );
        return r.length ? r : null;
      },
      { what: `message "${text}" from ${waId} stored` },
    );
    return row.conversation_id;
  }

  const agentReplies = (id: string, text: string) =>
    env.as('salesAgent').post(`/api/conversations/${id}/messages`).send({ type: 'text', text }).expect(202);

  const sla = async (id: string) =>
    (await env.api().get(`/api/conversations/${id}/sla`).expect(200)).body as SlaView;
  const clocksOf = (s: SlaView, kind: string) => s.clocks.filter((c) => c.kind === kind);
  const latest = (s: SlaView, kind: string) => clocksOf(s, kind).at(-1);
  /** Waits until the conversation's SLA view satisfies `ready`. */
  const slaWhen = (id: string, ready: (s: SlaView) => boolean, what: string) =>
    waitFor(
      async () => {
        const s = await sla(id);
        return ready(s) ? s : null;
      },
      { what },
    );
  const transitionsOf = (s: SlaView, clockId: string) =>
    s.transitions.filter((t) => t.clockId === clockId).map((t) => [t.transition, t.at, t.elapsedMs, t.dueAt]);
  const lastSlaUpdate = async (id: string) =>
    (
      await env.query<{ payload: { status: string; clockKind: string | null } }>(
        `select payload from domain_events where name = 'sla.updated' and payload->>'conversationId' = $1
          order by seq desc limit 1`,
        [id],
      )
    )[0]?.payload;

  it('first response: started by the customer message, met by the agent reply, with the transitions that explain it', async () => {
    begin();
    const id = await customerWrites(newWaId(), 'preciso de ajuda');
    const started = await slaWhen(id, (s) => !!latest(s, 'first_response'), 'first response clock');
    const first = latest(started, 'first_response')!;
    expect(first).toMatchObject({ state: 'running', policyId: standard, startedAt: at(0), dueAt: at(30) });
    expect(first.warnAt).toBe(at(10));
    expect(latest(started, 'resolution')).toMatchObject({ state: 'running', dueAt: at(240) });

    moveTo(7);
    await agentReplies(id, 'Oi, já vejo');
    const met = await slaWhen(id, (s) => latest(s, 'first_response')!.state === 'met', 'first response met');
    expect(latest(met, 'first_response')).toMatchObject({
      elapsedMs: 7 * MIN,
      finishedAt: at(7),
      byUserId: env.users.salesAgent.id,
      dueAt: null,
    });
    expect(transitionsOf(met, first.id)).toEqual([
      ['started', at(0), 0, at(30)],
      ['met', at(7), 7 * MIN, null],
    ]);
    expect((await lastSlaUpdate(id))?.status).toBe('green');
  });

  it("a routing rule's auto-reply is automated: it meets no response clock, the agent's later reply does", async () => {
    await env
      .api()
      .post(`/api/departments/${sales}/routing-rules`)
      .send({
        name: 'Greeting',
        conditions: { text: { keywords: ['orcamento'] } },
        actions: { autoReply: { text: 'Recebemos seu pedido de orcamento' } },
      })
      .expect(201);
    begin();
    const id = await customerWrites(newWaId(), 'quero um orcamento');
    const automated = await waitFor(
      () =>
        env.query<{ payload: { byUserId: string | null; automated: boolean } }>(
          `select payload from domain_events where name = 'message.sent' and payload->>'conversationId' = $1`,
          [id],
        ),
      { what: 'the auto-reply sent' },
    );
    expect(automated.map((r) => r.payload)).toMatchObject([{ byUserId: null, automated: true }]);
    moveTo(3);
    await agentReplies(id, 'Oi! Qual produto?');
    const s = await slaWhen(id, (v) => latest(v, 'first_response')?.state === 'met', 'first response met');
    expect(latest(s, 'first_response')).toMatchObject({
      elapsedMs: 3 * MIN,
      finishedAt: at(3),
      byUserId: env.users.salesAgent.id,
    });
  });

  it('the breach fires once on its timer and turns the conversation red; the late reply finishes it as breached', async () => {
    begin();
    const id = await customerWrites(newWaId(), 'ninguém responde?');
    const s = await slaWhen(id, (v) => !!latest(v, 'first_response'), 'first response clock');
    const first = latest(s, 'first_response')!;
    moveTo(30);
    const breached = await slaWhen(id, (v) => !!latest(v, 'first_response')!.breachedAt, 'breach marked');
    expect(latest(breached, 'first_response')).toMatchObject({
      state: 'running',
      breachedAt: at(30),
      warnedAt: at(10),
    });
    expect(await lastSlaUpdate(id)).toMatchObject({ status: 'red', clockKind: 'first_response' });

    // Past the deadline again, then the late reply: a later marker; still one warning and one breach.
    moveTo(45);
    await env.app.get(TimerRunner).runDue();
    await agentReplies(id, 'desculpe a demora');
    const done = await slaWhen(id, (v) => latest(v, 'first_response')!.state !== 'running', 'late reply');
    expect(latest(done, 'first_response')!.state).toBe('breached');
    const fired = (name: string) =>
      count(env, 'domain_events', `name = $1 and payload->>'clockId' = $2`, [name, first.id]);
    expect(await fired('sla.breached')).toBe(1);
    expect(await fired('sla.warning')).toBe(1);
    expect(
      await count(
        env,
        'domain_events',
        `name = 'sla.clock_finished' and payload->>'clockId' = $1 and payload->>'outcome' = 'breached'`,
        [first.id],
      ),
    ).toBe(1);
    expect(transitionsOf(done, first.id).map((t) => t[0])).toEqual(['started', 'warned', 'breached', 'met']);
  });

  it('pauses while the card waits on the customer and resumes on their reply, the deadline moved by the pause', async () => {
    begin();
    const waId = newWaId();
    const id = await customerWrites(waId, 'quero um orçamento');
    await slaWhen(id, (v) => !!latest(v, 'resolution'), 'resolution clock');
    moveTo(2);
    await agentReplies(id, 'Me manda os dados?');
    await slaWhen(id, (v) => latest(v, 'first_response')!.state === 'met', 'first response met');
    moveTo(5);
    const [card] = await env.query<{ id: string }>('select id from cards where conversation_id = $1', [id]);
    await env.as('salesAgent').post(`/api/cards/${card.id}/move`).send({ stage: 'waiting' }).expect(200);
    const paused = await slaWhen(id, (v) => latest(v, 'resolution')!.state === 'paused', 'resolution paused');
    expect(latest(paused, 'resolution')).toMatchObject({ elapsedMs: 5 * MIN, dueAt: null });

    moveTo(65);
    await customerWrites(waId, 'segue os dados');
    const resumed = await slaWhen(
      id,
      (v) => latest(v, 'resolution')!.state === 'running',
      'resolution resumed',
    );
    const resolution = latest(resumed, 'resolution')!;
    // 5 minutes counted before the pause, 235 left from minute 65.
    expect(resolution.dueAt).toBe(at(300));
    expect(transitionsOf(resumed, resolution.id)).toEqual([
      ['started', at(0), 0, at(240)],
      ['paused', at(5), 5 * MIN, null],
      ['resumed', at(65), 5 * MIN, at(300)],
    ]);
    expect(latest(resumed, 'next_response')).toMatchObject({
      state: 'running',
      startedAt: at(65),
      dueAt: at(85),
    });
  });

  it('next response restarts on each customer message after a reply', async () => {
    begin();
    const waId = newWaId();
    const id = await customerWrites(waId, 'oi');
    await slaWhen(id, (v) => !!latest(v, 'first_response'), 'first response clock');
    moveTo(1);
    await agentReplies(id, 'olá');
    await slaWhen(id, (v) => latest(v, 'first_response')!.state === 'met', 'first response met');
    moveTo(3);
    await customerWrites(waId, 'uma dúvida');
    await slaWhen(id, (v) => clocksOf(v, 'next_response').length === 1, 'next response #1');
    moveTo(4);
    await agentReplies(id, 'diga');
    await slaWhen(id, (v) => latest(v, 'next_response')!.state === 'met', 'next response #1 met');
    moveTo(10);
    await customerWrites(waId, 'outra dúvida');
    const s = await slaWhen(id, (v) => clocksOf(v, 'next_response').length === 2, 'next response #2');
    expect(clocksOf(s, 'next_response').map((c) => [c.state, c.startedAt, c.elapsedMs, c.dueAt])).toEqual([
      ['met', at(3), 1 * MIN, null],
      ['running', at(10), 0, at(30)],
    ]);
  });

  it('nothing counts after close: every clock stops at the close', async () => {
    begin();
    const id = await customerWrites(newWaId(), 'tchau');
    await slaWhen(id, (v) => !!latest(v, 'resolution'), 'resolution clock');
    moveTo(5);
    await env.api().post(`/api/conversations/${id}/close`).send({}).expect(200);
    await slaWhen(id, (v) => v.clocks.every((c) => c.state !== 'running'), 'clocks stopped');
    // Far past every deadline the clocks had: no timer of theirs fires, the counts stay.
    moveTo(500);
    await env.app.get(TimerRunner).runDue();
    const s = await sla(id);
    const byKind = [...s.clocks].sort((a, b) => a.kind.localeCompare(b.kind));
    expect(byKind.map((c) => [c.kind, c.state, c.elapsedMs, c.finishedAt, c.breachedAt])).toEqual([
      ['first_response', 'stopped', 5 * MIN, at(5), null],
      ['resolution', 'met', 5 * MIN, at(5), null],
    ]);
    expect(s.transitions.map((t) => t.transition).sort()).toEqual(['met', 'started', 'started', 'stopped']);
  });

  it('a priority change recomputes the deadline from the time counted (urgent policy), not a restart', async () => {
    begin();
    const id = await customerWrites(newWaId(), 'é urgente');
    await slaWhen(id, (v) => !!latest(v, 'first_response'), 'first response clock');
    moveTo(4);
    await env.api().put(`/api/conversations/${id}/priority`).send({ priority: 'urgent' }).expect(200);
    const s = await slaWhen(id, (v) => latest(v, 'first_response')!.policyId === urgent, 'recomputed');
    // 4 of the urgent 10 minutes counted at minute 4: due at minute 10, not 14.
    const first = latest(s, 'first_response')!;
    expect(first).toMatchObject({ state: 'running', startedAt: at(0), dueAt: at(10), warnAt: at(5) });
    expect(transitionsOf(s, first.id)).toEqual([
      ['started', at(0), 0, at(30)],
      ['recomputed', at(4), 4 * MIN, at(10)],
    ]);
    expect(latest(s, 'resolution')).toMatchObject({ policyId: urgent, dueAt: at(120) });
  });

  it("a transfer recomputes with the receiving department's policy", async () => {
    begin();
    const id = await customerWrites(newWaId(), 'é com o suporte');
    await slaWhen(id, (v) => !!latest(v, 'first_response'), 'first response clock');
    moveTo(5);
    await env.api().post(`/api/conversations/${id}/transfer`).send({ departmentId: support }).expect(204);
    const s = await slaWhen(id, (v) => latest(v, 'first_response')!.policyId === supportPolicy, 'recomputed');
    // 5 of support's 60 minutes counted at minute 5: due at minute 60.
    expect(latest(s, 'first_response')).toMatchObject({ state: 'running', startedAt: at(0), dueAt: at(60) });
    expect(latest(s, 'resolution')).toMatchObject({ policyId: supportPolicy, dueAt: at(480) });
    // The other department's people no longer see it.
    await env.as('salesAgent').get(`/api/conversations/${id}/sla`).expect(404);
    await env.as('supportAgent').get(`/api/conversations/${id}/sla`).expect(200);
  });

  it('a snooze pauses the clocks; the customer writing wakes it and resumes them', async () => {
    begin();
    const waId = newWaId();
    const id = await customerWrites(waId, 'me chama depois');
    await slaWhen(id, (v) => !!latest(v, 'first_response'), 'first response clock');
    moveTo(4);
    await env.api().post(`/api/conversations/${id}/snooze`).send({ untilCustomerReplies: true }).expect(200);
    await slaWhen(id, (v) => latest(v, 'first_response')!.state === 'paused', 'paused by the snooze');
    moveTo(50);
    await customerWrites(waId, 'voltei');
    const s = await slaWhen(id, (v) => latest(v, 'first_response')!.state === 'running', 'resumed');
    // 4 of 30 minutes counted before the snooze: 26 left from minute 50.
    expect(latest(s, 'first_response')).toMatchObject({ elapsedMs: 4 * MIN, dueAt: at(76) });
    expect(latest(s, 'resolution')).toMatchObject({ state: 'running', dueAt: at(286) });
  });

  it('time in a stage: a clock per stage with a target, met when the card leaves it', async () => {
    begin();
    const id = await customerWrites(newWaId(), 'andamento');
    await slaWhen(id, (v) => !!latest(v, 'resolution'), 'resolution clock');
    const [card] = await env.query<{ id: string }>('select id from cards where conversation_id = $1', [id]);
    moveTo(1);
    await env.api().post(`/api/cards/${card.id}/move`).send({ stage: 'in_progress' }).expect(200);
    const started = await slaWhen(id, (v) => !!latest(v, 'stage:in_progress'), 'stage clock');
    expect(latest(started, 'stage:in_progress')).toMatchObject({ state: 'running', dueAt: at(11) });
    moveTo(4);
    await env.api().post(`/api/cards/${card.id}/move`).send({ stage: 'waiting' }).expect(200);
    const left = await slaWhen(id, (v) => latest(v, 'stage:in_progress')!.state === 'met', 'stage clock met');
    expect(latest(left, 'stage:in_progress')).toMatchObject({ elapsedMs: 3 * MIN, finishedAt: at(4) });
  });

  it('a reopen starts a new resolution clock; the next customer message a next-response clock', async () => {
    begin();
    const waId = newWaId();
    const id = await customerWrites(waId, 'primeiro assunto');
    await slaWhen(id, (v) => !!latest(v, 'resolution'), 'resolution clock');
    moveTo(2);
    await agentReplies(id, 'resolvido');
    await slaWhen(id, (v) => latest(v, 'first_response')!.state === 'met', 'first response met');
    moveTo(5);
    await env.api().post(`/api/conversations/${id}/close`).send({}).expect(200);
    await slaWhen(id, (v) => latest(v, 'resolution')!.state === 'met', 'resolution met at close');
    moveTo(20);
    await env.api().post(`/api/conversations/${id}/reopen`).send({}).expect(200);
    const reopened = await slaWhen(
      id,
      (v) => clocksOf(v, 'resolution').length === 2,
      'second resolution clock',
    );
    expect(clocksOf(reopened, 'resolution').map((c) => [c.state, c.startedAt, c.elapsedMs, c.dueAt])).toEqual(
      [
        ['met', at(0), 5 * MIN, null],
        ['running', at(20), 0, at(260)],
      ],
    );
    // We spoke last before the close: nobody waits for an answer until the customer writes again.
    expect(latest(reopened, 'next_response')).toBeUndefined();
    moveTo(25);
    await customerWrites(waId, 'mais uma coisa');
    const s = await slaWhen(id, (v) => !!latest(v, 'next_response'), 'next response clock');
    expect(latest(s, 'next_response')).toMatchObject({ state: 'running', startedAt: at(25), dueAt: at(45) });
  });

  it('closed unanswered, written to a day later: the reopened clocks start at the new message, nothing breached', async () => {
    // The customer's message within two days of the close reopens the conversation.
    await env
      .api()
      .put(`/api/departments/${sales}/conversation-policy`)
      .send({ onCustomerMessageAfterClose: 'reopen', reopenWindowMinutes: 2880 })
      .expect(200);
    begin();
    const waId = newWaId();
    const id = await customerWrites(waId, 'alguém aí?');
    await slaWhen(id, (v) => !!latest(v, 'first_response'), 'first response clock');
    moveTo(5);
    await env.api().post(`/api/conversations/${id}/close`).send({}).expect(200);
    await slaWhen(id, (v) => v.clocks.every((c) => c.state !== 'running'), 'clocks stopped at the close');
    const day = 24 * 60;
    moveTo(day);
    expect(await customerWrites(waId, 'voltei um dia depois')).toBe(id);
    const s = await slaWhen(
      id,
      (v) => clocksOf(v, 'resolution').length === 2 && clocksOf(v, 'first_response').length === 2,
      'the reopened clocks',
    );
    // Nobody ever answered: a first-response clock again, 30 minutes from the new message; resolution 240.
    expect(latest(s, 'first_response')).toMatchObject({
      state: 'running',
      startedAt: at(day),
      elapsedMs: 0,
      dueAt: at(day + 30),
      warnAt: at(day + 10),
      breachedAt: null,
    });
    expect(latest(s, 'resolution')).toMatchObject({
      state: 'running',
      startedAt: at(day),
      dueAt: at(day + 240),
    });
    await env.app.get(TimerRunner).runDue();
    expect((await sla(id)).clocks.every((c) => c.breachedAt === null && c.warnedAt === null)).toBe(true);
    expect(await lastSlaUpdate(id)).toMatchObject({ status: 'yellow', clockKind: 'first_response' });
  });

  it('a calendar with no open time: the business-hours clock runs with no deadline or timer; other clocks go on', async () => {
    const hr = env.numbers.hr.departmentId;
    await env.api().put(`/api/departments/${hr}/queues/default`).send({ strategy: 'manual' }).expect(200);
    const closed = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    await env
      .api()
      .put(`/api/departments/${hr}/calendar`)
      .send({ timezone: 'UTC', weekly: closed, holidays: [], exceptions: [] })
      .expect(200);
    const office = await createPolicy(hr, {
      key: 'office',
      name: 'Office hours',
      businessHours: true,
      targets: {
        firstResponse: { warningMinutes: 10, breachMinutes: 30 },
        resolution: { warningMinutes: 60, breachMinutes: 240 },
      },
    });
    begin();
    const id = await customerWrites(newWaId(), 'rh?', env.numbers.hr.phoneNumberId);
    const s = await slaWhen(id, (v) => !!latest(v, 'first_response'), 'first response clock');
    expect(latest(s, 'first_response')).toMatchObject({
      state: 'running',
      policyId: office,
      startedAt: at(0),
      dueAt: null,
      warnAt: null,
    });
    expect(latest(s, 'resolution')).toMatchObject({ state: 'running', dueAt: null, warnAt: null });
    const ids = s.clocks.map((c) => c.id);
    expect(await count(env, 'timers', `split_part(key, ':', 2) = any($1::text[])`, [ids])).toBe(0);

    // A later marker: another department's conversation after it still gets its clocks, deadlines and breach.
    moveTo(1);
    const other = await customerWrites(newWaId(), 'e as vendas?');
    const started = await slaWhen(other, (v) => !!latest(v, 'first_response'), 'the later clock');
    expect(latest(started, 'first_response')).toMatchObject({ policyId: standard, dueAt: at(31) });
    moveTo(31);
    const breached = await slaWhen(other, (v) => !!latest(v, 'first_response')!.breachedAt, 'later breach');
    expect(latest(breached, 'first_response')!.breachedAt).toBe(at(31));
    // The closed-hours clock never warned or breached, still runs, and its state shows no deadline.
    moveTo(10 * 24 * 60);
    await env.app.get(TimerRunner).runDue();
    const still = await sla(id);
    expect(latest(still, 'first_response')).toMatchObject({ state: 'running', dueAt: null, warnedAt: null });
    const conv = (await env.api().get(`/api/conversations/${id}`).expect(200)).body as {
      sla: { dueAt: string | null; status: string };
    };
    expect(conv.sla).toMatchObject({ dueAt: null });
  });

  it('the route is in the OpenAPI document and answers 404 for an unknown conversation', async () => {
    const doc = (await env.anonymous().get('/api/docs/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(doc.paths['/api/conversations/{id}/sla'] ?? {})).toEqual(['get']);
    await env.api().get('/api/conversations/00000000-0000-7000-8000-000000000000/sla').expect(404);
  });
});
