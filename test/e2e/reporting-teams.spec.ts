import { Clock } from '@switchboard/engine';
import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Per-team figures when teams change. The rule (docs/architecture.md, Reporting): a team's figures are its
 * conversations' — a response counts for the team the conversation was in when it was given, a resolution for the
 * team it was in when it closed. An agent's own team membership plays no part, so an agent moving team moves nothing,
 * and a conversation changing team keeps its earlier responses where they were.
 */
const T0 = Date.parse('2030-03-04T12:00:00Z'); // a Monday, inside the default calendar
const MIN = 60_000;
const at = (ms: number) => new Date(T0 + ms);

describe('reporting: per-team figures follow the conversation’s team at the time', () => {
  let env: TestEnvironment;
  let clock: Clock;
  let sales: string;
  let teamA: string;
  let teamB: string;
  let n = 0;
  const ids: Record<string, string> = {};
  const waIds: Record<string, string> = {};
  const range = { from: '2030-03-04T00:00:00Z', to: '2030-03-05T00:00:00Z' };

  const newWaId = () => `55217${Date.now().toString().slice(-6)}${String(n++).padStart(2, '0')}`;

  /** Waits for the conversation's `times`-th team change, or its routing when it opens. */
  const events = (name: string, conversationId: string, times: number, team?: boolean) =>
    waitFor(
      async () =>
        (
          await env.query<{ n: number }>(
            `select count(*)::int as n from domain_events where name = $1 and payload->>'conversationId' = $2
                and (not $3 or payload->'changes' ? 'team')`,
            [name, conversationId, team ?? false],
          )
        )[0].n >= times,
      { what: `${name} ×${times} for ${conversationId}` },
    );

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

  const members = (team: string, userIds: string[]) =>
    env.api().put(`/api/teams/${team}/members`).send({ userIds }).expect(200);

  beforeAll(async () => {
    const shared: { clock?: Clock } = {};
    env = await createTestEnvironment({
      config: { testing: { clock: 'controllable' } },
      sandbox: { now: () => shared.clock?.now().getTime() ?? Date.now() },
    });
    clock = env.app.get(Clock);
    shared.clock = clock;
    sales = env.numbers.sales.departmentId;
    const team = async (name: string) =>
      (
        (await env.api().post('/api/teams').send({ departmentId: sales, name }).expect(201)).body as {
          id: string;
        }
      ).id;
    teamA = await team('Team A');
    teamB = await team('Team B');
    await members(teamA, [env.users.salesAgent.id]);
    const rule = (body: object) =>
      env.api().post(`/api/departments/${sales}/routing-rules`).send(body).expect(201);
    await rule({ name: 'New to A', actions: { team: { teamId: teamA } } });
    await rule({
      name: 'Escalations to B',
      trigger: 'every_message',
      conditions: { text: { keywords: ['escalar'] } },
      actions: { team: { teamId: teamB } },
    });

    clock.set(at(0));
    await customerWrites('c1', 'c1 oi');
    await events('conversation.updated', ids.c1, 1, true); // joined A
    clock.set(at(1 * MIN));
    await agentReplies('c1', 'c1 resposta 1'); // first response 60,000: team A
    await customerWrites('c2', 'c2 oi');
    await events('conversation.updated', ids.c2, 1, true); // joined A
    clock.set(at(2 * MIN));
    await customerWrites('c1', 'c1 escalar por favor');
    await events('conversation.updated', ids.c1, 2, true); // moved to B
    clock.set(at(4 * MIN));
    await agentReplies('c2', 'c2 resposta 1'); // first response 180,000: team A
    clock.set(at(5 * MIN));
    await agentReplies('c1', 'c1 resposta 2'); // next response 180,000: team B (the conversation's team now)
    // The agent moves from team A to team B: the conversations stay where they are.
    await members(teamA, []);
    await members(teamB, [env.users.salesAgent.id]);
    clock.set(at(6 * MIN));
    await customerWrites('c1', 'c1 mais uma');
    await customerWrites('c2', 'c2 mais uma');
    clock.set(at(8 * MIN));
    await agentReplies('c1', 'c1 resposta 3'); // next response 120,000: team B
    await agentReplies('c2', 'c2 resposta 2'); // next response 120,000: team A, though the agent is in B now
    clock.set(at(10 * MIN));
    await env.as('salesAgent').post(`/api/conversations/${ids.c1}/close`).send({}).expect(200); // 600,000: team B
    await events('conversation.closed', ids.c1, 1);
    await waitFor(
      async () => {
        const res = await env
          .as('admin')
          .get('/api/reports/response-times')
          .query({ ...range, groupBy: 'team' });
        return res.status === 200 &&
          res.body.rows.some((r: { resolution: { count: number } }) => r.resolution.count > 0)
          ? true
          : undefined;
      },
      { what: "c1's close recorded by reporting" },
    );
  }, 180_000);
  afterAll(async () => {
    await env?.close();
  });

  it('responses stay with the team of their time; the resolution goes to the team at close', async () => {
    const res = await env
      .as('admin')
      .get('/api/reports/response-times')
      .query({ ...range, groupBy: 'team' })
      .expect(200);
    // A: first 60,000 / 180,000 (median 120,000; p90 60,000 + 0.9 × 120,000 = 168,000), next 120,000 (c2's, after
    // the agent moved). B: next 180,000 / 120,000 (median 150,000; p90 120,000 + 0.9 × 60,000 = 174,000), c1's
    // resolution 600,000.
    expect(res.body.rows).toEqual(
      [
        {
          key: teamA,
          name: 'Team A',
          firstResponse: { count: 2, medianMs: 120_000, p90Ms: 168_000 },
          nextResponse: { count: 1, medianMs: 120_000, p90Ms: 120_000 },
          resolution: { count: 0, medianMs: null, p90Ms: null },
        },
        {
          key: teamB,
          name: 'Team B',
          firstResponse: { count: 0, medianMs: null, p90Ms: null },
          nextResponse: { count: 2, medianMs: 150_000, p90Ms: 174_000 },
          resolution: { count: 1, medianMs: 600_000, p90Ms: 600_000 },
        },
      ].sort((a, b) => a.key.localeCompare(b.key)),
    );
    // The same from the facts alone (part of the day): the rollup and the facts agree.
    const part = await env
      .as('admin')
      .get('/api/reports/response-times')
      .query({ from: '2030-03-04T11:00:00Z', to: '2030-03-04T13:00:00Z', groupBy: 'team' })
      .expect(200);
    expect(part.body.rows).toEqual(res.body.rows);
  });
});
