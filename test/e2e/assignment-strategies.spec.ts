import { Clock } from '@switchboard/engine';
import { createTestEnvironment, TestEnvironment } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  configureAgent,
  createAgents,
  newConversation,
  owners,
  setAvailability,
  setRequirements,
  TestAgent,
} from './support/assignment-fixtures';

/**
 * Each strategy's choice on a fixed scenario. Conversations wait in a manual queue (nothing automatic), then the
 * supervisor switches the queue to a strategy, which serves what waits at once: the expected owners are written by
 * hand from the rules (priority then age; round-robin by user id after the cursor; least-loaded, ties to the one
 * assigned longest ago, then user id; language and skills matching).
 */
describe('assignment strategies', () => {
  let env: TestEnvironment;
  let clock: Clock;

  beforeAll(async () => {
    env = await createTestEnvironment({ config: { testing: { clock: 'controllable' } } });
    clock = env.app.get(Clock);
    clock.set(new Date('2030-03-04T12:00:00Z'));
  });
  afterAll(async () => {
    await env?.close();
  });

  const setQueue = (departmentId: string, body: Record<string, unknown>) =>
    env.api().put(`/api/departments/${departmentId}/queues/default`).send(body);

  /** The conversations waiting in the department's queue, in its order. */
  const waiting = async (departmentId: string) =>
    (
      (await env.api().get(`/api/departments/${departmentId}/queue`).expect(200)).body as {
        conversationId: string;
      }[]
    ).map((w) => w.conversationId);
  /** Each conversation joins the queue once the subscriber to its creation has run: waits until all of `ids` do. */
  const queued = (departmentId: string, ids: string[]) =>
    expect
      .poll(async () => {
        const now = await waiting(departmentId);
        return ids.filter((id) => !now.includes(id));
      })
      .toEqual([]);

  async function online(departmentId: string, agents: TestAgent[], settings: Record<string, unknown>) {
    for (const a of agents) {
      await configureAgent(env, departmentId, a.id, settings);
      await setAvailability(env, departmentId, a.id, 'online');
    }
  }

  it('round-robin: the next agent after the last one served, by user id, urgent first then oldest', async () => {
    const sales = env.numbers.sales.departmentId;
    await setQueue(sales, { strategy: 'manual' }).expect(200);
    const [a1, a2, a3] = await createAgents(env, sales, ['RrAlpha', 'RrBravo', 'RrCharlie']);
    await online(sales, [a1, a2, a3], { capacity: 10 });
    const c: string[] = [];
    for (let i = 0; i < 5; i++) c.push(await newConversation(env, 'sales'));
    await env
      .as('salesSupervisor')
      .put(`/api/conversations/${c[4]}/priority`)
      .send({ priority: 'urgent' })
      .expect(200);
    expect(await owners(env, c)).toEqual([null, null, null, null, null]);
    await queued(sales, c);
    expect(await waiting(sales)).toEqual([c[4], c[0], c[1], c[2], c[3]]);

    const set = await setQueue(sales, { strategy: 'round_robin' }).expect(200);
    expect(set.body).toMatchObject({ departmentId: sales, teamId: null, strategy: 'round_robin' });
    // c5 (urgent) → Alpha, then by age: c1 → Bravo, c2 → Charlie, c3 → Alpha, c4 → Bravo.
    expect(await owners(env, c)).toEqual([a2.id, a3.id, a1.id, a2.id, a1.id]);
    expect((await env.as('salesAgent').get(`/api/departments/${sales}/queue`).expect(200)).body).toEqual([]);
  });

  it('least-loaded: the lowest load; ties to the one assigned longest ago, then user id', async () => {
    const support = env.numbers.support.departmentId;
    await setQueue(support, { strategy: 'manual' }).expect(200);
    const [b1, b2, b3] = await createAgents(env, support, ['LlAlpha', 'LlBravo', 'LlCharlie']);
    await online(support, [b1, b2, b3], { capacity: 10 });
    const d: string[] = [];
    for (let i = 0; i < 7; i++) d.push(await newConversation(env, 'support'));
    await queued(support, d);
    const assign = (id: string, userId: string) =>
      env.api().put(`/api/conversations/${id}/assignee`).send({ userId }).expect(200);
    // By hand: Charlie first (longest ago), then Bravo, then Alpha twice.
    await assign(d[0], b3.id);
    clock.advance(60_000);
    await assign(d[1], b2.id);
    clock.advance(60_000);
    await assign(d[2], b1.id);
    await assign(d[3], b1.id);
    clock.advance(60_000);

    await setQueue(support, { strategy: 'least_loaded' }).expect(200);
    // Loads 2/1/1: d5 → Charlie (tied with Bravo, assigned longer ago); 2/1/2: d6 → Bravo; 2/2/2: d7 → Alpha
    // (its last assignment is now the oldest).
    expect(await owners(env, d)).toEqual([b3.id, b2.id, b1.id, b1.id, b3.id, b2.id, b1.id]);
  });

  it('language and skills: only agents who speak it and hold every required skill; matching can be turned off', async () => {
    const hr = env.numbers.hr.departmentId;
    await setQueue(hr, { strategy: 'manual' }).expect(200);
    const [h1, h2] = await createAgents(env, hr, ['MatchAlpha', 'MatchBravo']);
    await online(hr, [h1], { capacity: 10, languages: ['pt-BR'], skills: ['billing'] });
    await online(hr, [h2], { capacity: 10, languages: ['en'], skills: [] });
    const e: string[] = [];
    for (let i = 0; i < 4; i++) e.push(await newConversation(env, 'hr'));
    await queued(hr, e);
    await setRequirements(env, e[0], { language: 'en' });
    await setRequirements(env, e[1], { language: 'pt', requiredSkills: ['billing'] });
    await setRequirements(env, e[2], { language: 'es' });
    await setRequirements(env, e[3], { requiredSkills: ['billing'] });

    await setQueue(hr, { strategy: 'round_robin' }).expect(200);
    // e1 (en) → Bravo; e2 (pt, billing) → Alpha (pt-BR serves pt); e3 (es) → nobody; e4 (billing) → Alpha.
    expect(await owners(env, e)).toEqual([h2.id, h1.id, null, h1.id]);

    await setQueue(hr, { strategy: 'round_robin', matchLanguage: false }).expect(200);
    // Language no longer matters: after Alpha's turn comes Bravo.
    expect(await owners(env, e)).toEqual([h2.id, h1.id, h2.id, h1.id]);
    const queues = (await env.api().get(`/api/departments/${hr}/queues`).expect(200)).body;
    expect(queues).toEqual([
      expect.objectContaining({
        teamId: null,
        strategy: 'round_robin',
        matchLanguage: false,
        matchSkills: true,
      }),
    ]);
  });

  it('an unknown strategy or another department’s team is refused with 422, changing nothing', async () => {
    const sales = env.numbers.sales.departmentId;
    const before = await env.query('select * from assignment_queues order by id');
    const bad = await setQueue(sales, { strategy: 'fastest' }).expect(422);
    expect(bad.body.message).toContain('fastest');
    const team = (
      await env
        .api()
        .post('/api/teams')
        .send({ departmentId: env.numbers.support.departmentId, name: 'Tier 2' })
        .expect(201)
    ).body;
    const other = await env
      .api()
      .put(`/api/departments/${sales}/queues/teams/${team.id}`)
      .send({ strategy: 'least_loaded' })
      .expect(422);
    expect(other.body.message).toContain(team.id);
    await env
      .as('salesAgent')
      .put(`/api/departments/${sales}/queues/default`)
      .send({ strategy: 'manual' })
      .expect(403);
    expect(await env.query('select * from assignment_queues order by id')).toEqual(before);
  });
});
