import { Clock } from '@switchboard/engine';
import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  configureAgent,
  createAgents,
  newConversation,
  owners,
  setAvailability,
} from './support/assignment-fixtures';

const ownerIs = (env: TestEnvironment, id: string, userId: string | null, what: string) =>
  waitFor(async () => (await owners(env, [id]))[0] === userId, { what });

/** The routing subscriber's delivery lock (the engine's per-subscriber advisory lock), held by the test. */
const ROUTING_LOCK = `hashtext('domain_event_cursor'), hashtext('routing.rules')`;

/**
 * Routing decides before assignment: nothing is queued (or assigned) until conversation.routed; shift ends hand
 * over only at the end of a shift; claims and drains racing keep every agent within capacity.
 */
describe('assignment: routing first, shift transitions, claims racing a drain', () => {
  let env: TestEnvironment;
  let clock: Clock;

  beforeAll(async () => {
    env = await createTestEnvironment({ config: { testing: { clock: 'controllable' } } });
    clock = env.app.get(Clock);
    clock.set(new Date('2030-03-04T12:00:00Z')); // a Monday
  });
  afterAll(async () => {
    await env?.close();
  });

  it('a drain passes over a conversation another transaction holds and assigns the next one', async () => {
    const hr = env.numbers.hr.departmentId;
    const [bea] = await createAgents(env, hr, ['Bea']);
    await configureAgent(env, hr, bea.id, {
      schedule: {
        timezone: 'UTC',
        weekly: [{ day: 1, start: '13:00', end: '18:00' }],
        breaks: [],
        daysOff: [],
      },
    });
    const queued = (id: string) =>
      waitFor(
        async () => (await env.api().get(`/api/conversations/${id}`).expect(200)).body.queuedAt !== null,
        {
          what: `conversation ${id} queued`,
        },
      );
    // Nobody in hr takes work yet (Bea's shift starts at 13:00): both wait, the held one first in line.
    const held = await newConversation(env, 'hr');
    await queued(held);
    const next = await newConversation(env, 'hr');
    await queued(next);
    await setAvailability(env, hr, bea.id, 'online');
    await waitFor(
      async () =>
        (
          await env.query(
            'select 1 from assignment_agent_marks where department_id = $1 and user_id = $2 and on_shift = false',
            [hr, bea.id],
          )
        ).length > 0,
      { what: 'a tick that saw Bea off shift' },
    );
    // As routing does while it acts on a conversation: its row locked in an open transaction. The drain is the
    // shift tick's (Bea's shift begins), which no open transaction holds back.
    await env.query('begin');
    try {
      await env.query('select id from conversations where id = $1 for update', [held]);
      clock.set(new Date('2030-03-04T13:01:00Z'));
      await ownerIs(env, next, bea.id, 'the next conversation assigned while the first is held');
      expect(await owners(env, [held])).toEqual([null]);
    } finally {
      await env.query('rollback');
    }
    // Released, with no event of its own to wake a drain: the tick's sweep gives it to Bea.
    await ownerIs(env, held, bea.id, 'the held conversation assigned by the sweep once released');
    await setAvailability(env, hr, bea.id, 'away');
    clock.set(new Date('2030-03-04T12:00:00Z'));
  });

  it('a conversation routing has not decided on yet is neither queued nor assigned by a drain', async () => {
    const hr = env.numbers.hr.departmentId;
    const [ada] = await createAgents(env, hr, ['Ada']);
    const routed = await newConversation(env, 'hr');
    await waitFor(
      async () =>
        (
          await env.query(
            `select 1 from domain_events where name = 'conversation.routed' and payload->>'conversationId' = $1`,
            [routed],
          )
        ).length > 0,
      { what: 'the first conversation routed' },
    );
    // Routing cannot run while the test holds its delivery lock: the second conversation opens, undecided.
    await env.query(`select pg_advisory_lock(${ROUTING_LOCK})`);
    try {
      const undecided = await newConversation(env, 'hr');
      expect((await env.api().get(`/api/conversations/${undecided}`).expect(200)).body.queuedAt).toBeNull();
      // Ada comes online: the drain takes the routed one (the marker) and must leave the undecided one.
      await setAvailability(env, hr, ada.id, 'online');
      await ownerIs(env, routed, ada.id, 'the routed conversation given to Ada');
      expect(await owners(env, [undecided])).toEqual([null]);
      expect((await env.api().get(`/api/conversations/${undecided}`).expect(200)).body.queuedAt).toBeNull();
      await env.query(`select pg_advisory_unlock(${ROUTING_LOCK})`);
      // Once routing decided, it is queued and assigned.
      await ownerIs(env, undecided, ada.id, 'the conversation assigned once routed');
    } finally {
      await env.query(`select pg_advisory_unlock_all()`);
    }
  });

  it('only the end of a shift hands over: an off-shift agent keeps what they were given', async () => {
    const sales = env.numbers.sales.departmentId;
    await env.api().put(`/api/departments/${sales}/queues/default`).send({ strategy: 'manual' }).expect(200);
    const [kim, max] = await createAgents(env, sales, ['Kim', 'Max']);
    const monday = (start: string, end: string) => ({
      schedule: { timezone: 'UTC', weekly: [{ day: 1, start, end }], breaks: [], daysOff: [] },
    });
    await configureAgent(env, sales, kim.id, monday('09:00', '10:00')); // off shift now (12:00)
    await configureAgent(env, sales, max.id, monday('09:00', '12:30'));
    // A tick has seen Max on shift.
    await waitFor(
      async () =>
        (
          await env.query(
            'select 1 from assignment_agent_marks where department_id = $1 and user_id = $2 and on_shift',
            [sales, max.id],
          )
        ).length > 0,
      { what: 'a tick that saw Max on shift' },
    );
    const given = await newConversation(env, 'sales');
    await env.api().put(`/api/conversations/${given}/assignee`).send({ userId: kim.id }).expect(200);
    const claimed = await newConversation(env, 'sales');
    await max.as().post(`/api/conversations/${claimed}/claim`).expect(200);

    clock.set(new Date('2030-03-04T12:31:00Z'));
    // Max's shift ended: a later tick returns his conversation (the marker that ticks ran after Kim got hers).
    await ownerIs(env, claimed, null, "Max's conversation returned at his shift's end");
    expect(await owners(env, [given])).toEqual([kim.id]);
  });

  it('50 agents claiming 40 conversations while a drain assigns them: nobody over capacity, one owner each', async () => {
    const support = env.numbers.support.departmentId;
    const claimers = await createAgents(
      env,
      support,
      Array.from({ length: 50 }, (_, i) => `Racer${String(i).padStart(2, '0')}`),
    );
    const capacity = new Map(claimers.map((a, i) => [a.id, (i % 3) + 1]));
    for (const a of claimers) await configureAgent(env, support, a.id, { capacity: capacity.get(a.id) });
    const drainers = await createAgents(env, support, ['Drainer1', 'Drainer2', 'Drainer3', 'Drainer4']);
    for (const a of drainers) {
      await configureAgent(env, support, a.id, { capacity: 10 });
      capacity.set(a.id, 10);
    }
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push(await newConversation(env, 'support'));
    await waitFor(
      async () =>
        (await env.api().get(`/api/departments/${support}/queue`).expect(200)).body.length === ids.length,
      { what: 'all 40 conversations waiting' },
    );

    // Each claimer tries three conversations while agents come online (each a drain of the queue).
    const claims = claimers.flatMap((a, i) =>
      [0, 1, 2].map((k) => a.as().post(`/api/conversations/${ids[(i * 7 + k * 13) % ids.length]}/claim`)),
    );
    // Ten claimers come online too, so drains and claims compete for the same agents' capacity.
    const online = [...drainers, ...claimers.slice(0, 10)].map((a) =>
      env.api().put(`/api/departments/${support}/agents/${a.id}/availability`).send({ status: 'online' }),
    );
    const answers = await Promise.all([...claims, ...online]);
    for (const r of answers.slice(0, claims.length)) {
      expect([200, 409]).toContain(r.status);
      if (r.status === 409) expect(['already_owned', 'over_capacity']).toContain(r.body.code);
    }
    for (const r of answers.slice(claims.length)) expect(r.status).toBe(200);

    // One more drain (a new conversation routed), for rows an earlier drain skipped while a failed claim held them.
    await newConversation(env, 'support');
    // Drainers' capacity (40) covers what claims left: every conversation ends with an owner.
    await waitFor(async () => (await owners(env, ids)).every((o) => o !== null), {
      what: 'every conversation owned',
    });
    const load = new Map<string, number>();
    for (const o of await owners(env, ids)) load.set(o!, (load.get(o!) ?? 0) + 1);
    for (const [userId, n] of load) expect(n).toBeLessThanOrEqual(capacity.get(userId)!);
    const assigned = await env.query<{ id: string; n: number }>(
      `select payload->>'conversationId' as id, count(*)::int as n from domain_events
        where name = 'conversation.assigned' and payload->>'conversationId' = any($1::text[])
        group by 1`,
      [ids],
    );
    expect(assigned).toHaveLength(40);
    for (const a of assigned) expect(a.n).toBe(1);
  });

  it('a conversation left waiting with no event to wake a drain is assigned by the next tick (capacity raised)', async () => {
    const hr = env.numbers.hr.departmentId;
    // Nobody else in hr takes work: Cy alone, online and on shift (no schedule), but at capacity 0.
    const agents = (await env.api().get(`/api/departments/${hr}/agents`).expect(200)).body as Array<{
      userId: string;
      availability: { status: string };
    }>;
    for (const a of agents)
      if (a.availability.status !== 'offline') await setAvailability(env, hr, a.userId, 'offline');
    const [cy] = await createAgents(env, hr, ['Cy']);
    await configureAgent(env, hr, cy.id, { capacity: 0 });
    await setAvailability(env, hr, cy.id, 'online');
    const waiting = await newConversation(env, 'hr');
    await waitFor(
      async () => (await env.api().get(`/api/conversations/${waiting}`).expect(200)).body.queuedAt !== null,
      { what: 'the conversation queued' },
    );
    expect(await owners(env, [waiting])).toEqual([null]);
    // Raising a capacity publishes no event: only the tick's sweep notices the free places (enough for everything
    // earlier tests left waiting in hr, which comes first by age).
    await configureAgent(env, hr, cy.id, { capacity: 50 });
    await ownerIs(env, waiting, cy.id, 'the waiting conversation given to Cy by the sweep');
  });
});
