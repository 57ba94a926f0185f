import { Clock } from '@switchboard/engine';
import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  configureAgent,
  createAgents,
  newConversation,
  owners,
  setAvailability,
  timelineOf,
} from './support/assignment-fixtures';

const ownerIs = (env: TestEnvironment, id: string, userId: string | null, what: string) =>
  waitFor(async () => (await owners(env, [id]))[0] === userId, { what });

/**
 * Waiting work moves by itself: when routing has spoken, when capacity frees, when an agent comes online or on
 * shift; an agent going offline or off shift has their conversations handed over by the queue's policy, with a
 * hand-over line on the timeline.
 */
describe('assignment on events and shifts', () => {
  let env: TestEnvironment;
  let clock: Clock;

  beforeAll(async () => {
    env = await createTestEnvironment({ config: { testing: { clock: 'controllable' } } });
    clock = env.app.get(Clock);
    // A Monday.
    clock.set(new Date('2030-03-04T12:00:00Z'));
  });
  afterAll(async () => {
    await env?.close();
  });

  it('queued work goes to an agent who comes online, and to them again when they close one', async () => {
    const sales = env.numbers.sales.departmentId;
    const [agent] = await createAgents(env, sales, ['Freya']);
    await configureAgent(env, sales, agent.id, { capacity: 1 });
    const first = await newConversation(env, 'sales');
    const second = await newConversation(env, 'sales');
    // Routed, but nobody is online: both wait, oldest first.
    await waitFor(
      async () =>
        (await env.as('salesAgent').get(`/api/departments/${sales}/queue`).expect(200)).body.length === 2,
      { what: 'two waiting conversations' },
    );

    await agent.as().put('/api/me/availability').send({ status: 'online' }).expect(200);
    await ownerIs(env, first, agent.id, 'the oldest conversation given to the agent who came online');
    expect(await owners(env, [second])).toEqual([null]);

    await agent.as().post(`/api/conversations/${first}/close`).send({}).expect(200);
    await ownerIs(env, second, agent.id, 'the waiting conversation given once capacity freed');
    const line = (await timelineOf(env, second)).find((e) => e.kind === 'assignment');
    expect(line).toMatchObject({ actor: { type: 'system' }, data: { userId: agent.id, reason: 'auto' } });

    // A new conversation, routed while an agent has room, is assigned at once.
    await configureAgent(env, sales, agent.id, { capacity: 5 });
    const third = await newConversation(env, 'sales');
    await ownerIs(env, third, agent.id, 'a routed conversation assigned to the online agent');
  });

  it('going offline returns conversations to the queue, or hands them to another agent, by policy', async () => {
    const support = env.numbers.support.departmentId;
    await env
      .api()
      .put(`/api/departments/${support}/queues/default`)
      .send({ strategy: 'manual' })
      .expect(200);
    const [gina, hugo] = await createAgents(env, support, ['Gina', 'Hugo']);
    for (const a of [gina, hugo]) await setAvailability(env, support, a.id, 'online');
    const returned = await newConversation(env, 'support');
    const handed = await newConversation(env, 'support');
    await gina.as().post(`/api/conversations/${returned}/claim`).expect(200);

    // return_to_queue (the default): unowned again, with a hand-over line naming the agent and why.
    await gina.as().put('/api/me/availability').send({ status: 'offline' }).expect(200);
    await ownerIs(env, returned, null, 'the conversation returned to the queue');
    const back = (await timelineOf(env, returned)).filter((e) => e.kind === 'handover');
    expect(back).toHaveLength(1);
    expect(back[0].data).toMatchObject({ previousUserId: gina.id, userId: null, reason: 'handover' });
    expect(String(back[0].data.note)).toContain('Gina went offline');

    // reassign: to another eligible agent (Hugo), named in the note.
    await env
      .api()
      .put(`/api/departments/${support}/queues/default`)
      .send({ strategy: 'manual', whenAgentOffline: 'reassign' })
      .expect(200);
    await gina.as().put('/api/me/availability').send({ status: 'online' }).expect(200);
    await gina.as().post(`/api/conversations/${handed}/claim`).expect(200);
    await gina.as().put('/api/me/availability').send({ status: 'offline' }).expect(200);
    await ownerIs(env, handed, hugo.id, 'the conversation handed to Hugo');
    const note = (await timelineOf(env, handed)).find((e) => e.kind === 'handover');
    expect(String(note?.data.note)).toBe('Handed over from Gina to Hugo: Gina went offline');

    // keep: an agent going away or offline keeps what they own.
    await env
      .api()
      .put(`/api/departments/${support}/queues/default`)
      .send({ strategy: 'manual', whenAgentOffline: 'keep' })
      .expect(200);
    await hugo.as().put('/api/me/availability').send({ status: 'offline' }).expect(200);
    // The marker that the subscriber has handled Hugo's offline event: its cursor passes every event.
    await waitFor(
      async () =>
        (
          await env.query<{ pending: boolean }>(
            `select exists (select 1 from domain_events e, domain_event_cursors c
               where c.subscriber = 'assignment.queues' and (e.xid, e.seq) > (c.xid, c.seq)) as pending`,
          )
        )[0].pending === false,
      { what: 'the assignment subscriber to pass every event' },
    );
    expect(await owners(env, [handed])).toEqual([hugo.id]);
  });

  it('at shift end conversations are handed over by policy; an agent whose shift begins takes waiting work', async () => {
    const hr = env.numbers.hr.departmentId;
    const [kim, lou] = await createAgents(env, hr, ['Kim', 'Lou']);
    const weekly = (start: string, end: string) => ({
      timezone: 'UTC',
      weekly: [{ day: 1, start, end }],
      breaks: [],
      daysOff: [],
    });
    await configureAgent(env, hr, kim.id, { schedule: weekly('09:00', '17:00') });
    await configureAgent(env, hr, lou.id, { schedule: weekly('17:00', '24:00') });
    for (const a of [kim, lou]) await setAvailability(env, hr, a.id, 'online');
    clock.set(new Date('2030-03-04T16:58:00Z'));
    // A tick has seen Kim on shift (only the end of a shift hands over).
    await waitFor(
      async () =>
        (
          await env.query(
            'select 1 from assignment_agent_marks where department_id = $1 and user_id = $2 and on_shift',
            [hr, kim.id],
          )
        ).length > 0,
      { what: 'a tick that saw Kim on shift' },
    );
    const id = await newConversation(env, 'hr');
    // Routing assigns it to Kim, the only one on shift (a claim makes sure of it either way).
    await kim.as().post(`/api/conversations/${id}/claim`).expect(200);
    expect(await owners(env, [id])).toEqual([kim.id]);

    clock.set(new Date('2030-03-04T17:01:00Z'));
    // The tick hands it back (Kim's shift ended) and Lou's shift began, so it goes to Lou.
    await ownerIs(env, id, lou.id, 'the conversation handed over at shift end and taken by Lou');
    const lines = await timelineOf(env, id);
    const handover = lines.find((e) => e.kind === 'handover');
    expect(handover?.data).toMatchObject({ previousUserId: kim.id, userId: null, reason: 'handover' });
    expect(String(handover?.data.note)).toBe("Returned to the queue: Kim's shift ended");
    expect(lines.filter((e) => e.kind === 'assignment').at(-1)?.data).toMatchObject({
      userId: lou.id,
      reason: 'auto',
    });
  });
});
