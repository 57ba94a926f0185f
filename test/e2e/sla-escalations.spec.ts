import { EntityManager } from '@mikro-orm/postgresql';
import { Clock } from '@switchboard/engine';
import { SlaEscalations } from '@switchboard/sla';
import { randomUUID } from 'node:crypto';
import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureAgent, createAgents, newConversation, TestAgent } from './support/assignment-fixtures';
import { closeAll, connect, TestSocket } from './support/realtime-client';

/**
 * A policy's escalations on its warning and its breach, on the controllable clock: the priority raised one step at
 * each, the conversation returned to the queue, a named person over capacity refused (said on the timeline), the
 * supervisor given it; each once. The conversation and card APIs show 🟡 with the time left, then 🔴 with the time
 * overdue (computed by hand from the policy: first response warned at 10 min, due at 30 min, wall clock), and the
 * state's updates reach the department's sockets only.
 */
const MINUTE = 60_000;
const T0 = new Date(Math.floor(Date.now() / 1000) * 1000);
const at = (ms: number) => new Date(T0.getTime() + ms).toISOString();

interface SlaLine {
  kind: string;
  actor: { type: string; label: string };
  data: Record<string, unknown>;
}

describe('SLA escalations and the conversation state', () => {
  let env: TestEnvironment;
  let clock: Clock;
  let sales: string;
  let owner: TestAgent;
  let busy: TestAgent;
  let salesSocket: TestSocket;
  let supportSocket: TestSocket;
  let policyId: string;
  const meta: { clock?: Clock } = {};

  beforeAll(async () => {
    env = await createTestEnvironment({
      config: { testing: { clock: 'controllable' } },
      sandbox: { now: () => meta.clock?.now().getTime() ?? Date.now() },
    });
    clock = env.app.get(Clock);
    meta.clock = clock;
    clock.set(T0);
    sales = env.numbers.sales.departmentId;
    // Nothing automatic: who owns what is set by hand below.
    await env.api().put(`/api/departments/${sales}/queues/default`).send({ strategy: 'manual' }).expect(200);
    [owner, busy] = await createAgents(env, sales, ['Owner', 'Busy']);
    await configureAgent(env, sales, busy.id, { capacity: 1 });
    const policy = await env
      .api()
      .post(`/api/departments/${sales}/sla-policies`)
      .send({
        key: 'fast_answer',
        name: 'Fast answer',
        targets: { firstResponse: { warningMinutes: 10, breachMinutes: 30 } },
        businessHours: false,
        escalations: [
          { on: 'warning', clock: 'first_response', action: 'raise_priority' },
          { on: 'breach', clock: 'first_response', action: 'raise_priority' },
          { on: 'breach', clock: 'any', action: 'return_to_queue' },
          { on: 'breach', clock: 'first_response', action: 'assign_user', userId: busy.id },
          {
            on: 'breach',
            clock: 'first_response',
            action: 'assign_user',
            userId: env.users.salesSupervisor.id,
          },
        ],
      });
    expect(policy.status, policy.text).toBe(201);
    policyId = policy.body.id as string;
    salesSocket = await connect(env.url, env.users.salesSupervisor.token);
    supportSocket = await connect(env.url, env.users.supportAgent.token);
  });

  afterAll(async () => {
    closeAll();
    await env?.close();
  });

  const timeline = async (conversationId: string): Promise<SlaLine[]> => {
    const [card] = await env.query<{ id: string }>('select id from cards where conversation_id = $1', [
      conversationId,
    ]);
    const res = await env.api().get(`/api/cards/${card.id}/timeline`).expect(200);
    return (res.body as SlaLine[]).filter((l) => l.kind === 'sla');
  };

  it('escalates once at the warning and once at the breach, and shows 🟡 then 🔴 with the time left and overdue', async () => {
    // Busy's one place is taken by a conversation they answered (its clock met: nothing escalates there).
    const answered = await newConversation(env, 'sales', 'primeira');
    await env.api().put(`/api/conversations/${answered}/assignee`).send({ userId: busy.id }).expect(200);
    await busy
      .as()
      .post(`/api/conversations/${answered}/messages`)
      .send({ type: 'text', text: 'olá' })
      .expect(202);

    const id = await newConversation(env, 'sales', 'preciso de ajuda');
    await env.api().put(`/api/conversations/${id}/assignee`).send({ userId: owner.id }).expect(200);
    await waitFor(
      async () => (await env.api().get(`/api/conversations/${id}`)).body.sla?.clockKind === 'first_response',
      { what: 'the first-response clock running' },
    );

    // 5 minutes in: 🟡, 25 minutes left, no warning yet.
    clock.set(new Date(T0.getTime() + 5 * MINUTE));
    const yellow = {
      status: 'yellow',
      warning: false,
      clockKind: 'first_response',
      dueAt: at(30 * MINUTE),
      timeLeftMs: 25 * MINUTE,
      overdueMs: null,
      paused: false,
    };
    expect((await env.api().get(`/api/conversations/${id}`).expect(200)).body.sla).toEqual(yellow);
    const [card] = await env.query<{ id: string }>('select id from cards where conversation_id = $1', [id]);
    expect((await env.api().get(`/api/cards/${card.id}`).expect(200)).body).toMatchObject({
      lastSpeaker: 'customer',
      waitingSince: at(0),
      sla: yellow,
    });

    // 10 minutes: the warning raises the priority one step (normal → high), once.
    clock.set(new Date(T0.getTime() + 10 * MINUTE));
    await waitFor(async () => (await timeline(id)).length >= 1, { what: 'the warning escalation' });
    const warned = await env.api().get(`/api/conversations/${id}`).expect(200);
    expect(warned.body).toMatchObject({ priority: 'high', owner: { id: owner.id } });
    expect(warned.body.sla).toEqual({ ...yellow, warning: true, timeLeftMs: 20 * MINUTE });

    // 40 minutes (10 past the deadline): every breach escalation ran, in order, once.
    clock.set(new Date(T0.getTime() + 40 * MINUTE));
    await waitFor(async () => (await timeline(id)).length >= 5, { what: 'the breach escalations' });
    // The clock's timers are gone with the firing that ran them: nothing can fire for it again.
    await waitFor(
      async () =>
        (
          await env.query(
            `select 1 from timers where key like 'sla:%' and key in
               (select 'sla:' || id || ':' || s from sla_clocks, unnest(array['warning', 'breach']) s
                 where conversation_id = $1)`,
            [id],
          )
        ).length === 0,
      { what: 'no deadline left for the clock' },
    );
    const lines = await timeline(id);
    const common = { policyId, policyName: 'Fast answer', clockKind: 'first_response' };
    expect(lines.map((l) => l.data)).toEqual([
      expect.objectContaining({
        ...common,
        on: 'warning',
        action: 'raise_priority',
        outcome: 'applied',
        priority: 'high',
        previous: 'normal',
      }),
      expect.objectContaining({
        ...common,
        on: 'breach',
        action: 'raise_priority',
        outcome: 'applied',
        priority: 'urgent',
        previous: 'high',
      }),
      expect.objectContaining({
        ...common,
        on: 'breach',
        action: 'return_to_queue',
        outcome: 'applied',
        previousUserId: owner.id,
      }),
      expect.objectContaining({
        ...common,
        on: 'breach',
        action: 'assign_user',
        outcome: 'refused',
        userId: busy.id,
      }),
      expect.objectContaining({
        ...common,
        on: 'breach',
        action: 'assign_user',
        outcome: 'applied',
        userId: env.users.salesSupervisor.id,
      }),
    ]);
    expect(String(lines[3].data.reason)).toContain('over_capacity');
    expect(lines.every((l) => l.actor.type === 'system' && l.actor.label === 'SLA policy Fast answer')).toBe(
      true,
    );

    const red = {
      status: 'red',
      warning: true,
      clockKind: 'first_response',
      dueAt: at(30 * MINUTE),
      timeLeftMs: null,
      overdueMs: 10 * MINUTE,
      paused: false,
    };
    const breached = await env.api().get(`/api/conversations/${id}`).expect(200);
    expect(breached.body).toMatchObject({
      priority: 'urgent',
      owner: { id: env.users.salesSupervisor.id },
      sla: red,
    });
    expect((await env.api().get(`/api/cards/${card.id}`).expect(200)).body.sla).toEqual(red);
    const list = await env.api().get('/api/conversations').query({ departmentId: sales }).expect(200);
    const listed = (list.body.items as { id: string; sla: unknown }[]).find((c) => c.id === id);
    expect(listed?.sla).toEqual(red);
    // The one it answered is 🟢: no response clock runs.
    const calm = (list.body.items as { id: string; sla: { status: string } }[]).find(
      (c) => c.id === answered,
    );
    expect(calm?.sla.status).toBe('green');
  });

  it("relays the state's updates to the department's sockets, never to another department's", async () => {
    const salesUpdates = await waitFor(
      () =>
        salesSocket.seen.filter(
          (e) => e.data.change === 'sla.updated' && e.departmentId === env.numbers.sales.departmentId,
        ),
      { what: 'sla.updated on the sales socket' },
    );
    expect(salesUpdates[0].type).toBe('conversation.updated');
    // A support customer's message afterwards: once the support socket has it, it would have had anything before.
    const marker = await newConversation(env, 'support', 'marcador');
    await waitFor(() => supportSocket.seen.some((e) => e.conversationId === marker), {
      what: 'the support marker',
    });
    expect(supportSocket.seen.filter((e) => e.departmentId === env.numbers.sales.departmentId)).toEqual([]);
    expect(
      supportSocket.seen.filter((e) => e.data.change === 'sla.updated' && e.conversationId !== marker),
    ).toEqual([]);
  });

  it('runs a firing handed over twice (two transactions at once) once', async () => {
    const escalations = env.app.get(SlaEscalations);
    const em = env.app.get(EntityManager);
    const twice = await newConversation(env, 'sales', 'duas vezes');
    const before = await env.api().get(`/api/conversations/${twice}`).expect(200);
    expect(before.body.priority).toBe('normal');
    const firing = {
      clockId: randomUUID(),
      conversationId: twice,
      departmentId: sales,
      kind: 'next_response' as const,
      on: 'breach' as const,
      policy: {
        id: randomUUID(),
        name: 'Twice',
        escalations: [{ on: 'breach' as const, clock: 'any', action: 'raise_priority' as const }],
      },
    };
    const runs = await Promise.all([
      em.fork().transactional((tx) => escalations.apply(tx, firing)),
      em.fork().transactional((tx) => escalations.apply(tx, firing)),
    ]);
    expect(runs.map((r) => r.length).sort()).toEqual([0, 1]);
    const after = await env.api().get(`/api/conversations/${twice}`).expect(200);
    expect(after.body.priority).toBe('high');
    expect((await timeline(twice)).map((l) => l.data.policyName)).toEqual(['Twice']);
  });

  it('shows a clock paused while the card waits on the customer: no deadline, nothing left or overdue', async () => {
    const id = await newConversation(env, 'sales', 'vou mandar os documentos');
    await waitFor(
      async () => (await env.api().get(`/api/conversations/${id}`)).body.sla?.clockKind === 'first_response',
      { what: 'the first-response clock running' },
    );
    const [card] = await env.query<{ id: string }>('select id from cards where conversation_id = $1', [id]);
    await env.api().post(`/api/cards/${card.id}/move`).send({ stage: 'waiting' }).expect(200);
    const paused = {
      status: 'green',
      warning: false,
      clockKind: 'first_response',
      dueAt: null,
      timeLeftMs: null,
      overdueMs: null,
      paused: true,
    };
    await waitFor(async () => (await env.api().get(`/api/conversations/${id}`)).body.sla?.paused === true, {
      what: 'the clock paused',
    });
    expect((await env.api().get(`/api/conversations/${id}`).expect(200)).body.sla).toEqual(paused);
    expect((await env.api().get(`/api/cards/${card.id}`).expect(200)).body.sla).toEqual(paused);
  });
});
