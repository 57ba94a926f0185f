import { Clock } from '@switchboard/engine';
import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlaView } from './support/sla-view';

const MIN = 60_000;
const SEC = 1000;

/**
 * GET /api/conversations/:id/sla keeps each clock's latest 500 transitions and says when it left older ones out.
 * The clocks start, pause and resume through webhooks and the snooze API; the hundreds of transitions between
 * are written by SQL (setup: driving each through the API and waiting for it would take minutes), every row's
 * instant and cause written here by hand so the expected list is too.
 */
describe('SLA transitions: the latest 500 per clock', () => {
  let env: TestEnvironment;
  let clock: Clock;
  let t0 = 0;
  let n = 0;

  const at = (ms: number) => new Date(t0 + ms).toISOString();
  const moveTo = (ms: number) => clock.set(new Date(t0 + ms));
  const newWaId = () =>
    `55118${String(Date.now() % 1000000).padStart(6, '0')}${String(n++).padStart(2, '0')}`;

  beforeAll(async () => {
    env = await createTestEnvironment({ config: { testing: { clock: 'controllable' } } });
    clock = env.app.get(Clock);
    const sales = env.numbers.sales.departmentId;
    await env.api().put(`/api/departments/${sales}/queues/default`).send({ strategy: 'manual' }).expect(200);
    await env
      .api()
      .post(`/api/departments/${sales}/sla-policies`)
      .send({
        key: 'standard',
        name: 'Standard',
        businessHours: false,
        targets: {
          firstResponse: { warningMinutes: 10, breachMinutes: 30 },
          resolution: { warningMinutes: 100, breachMinutes: 240 },
        },
      })
      .expect(201);
  });
  afterAll(async () => {
    await env?.close();
  });

  const sla = async (id: string) =>
    (await env.api().get(`/api/conversations/${id}/sla`).expect(200)).body as SlaView;
  const slaWhen = (id: string, ready: (s: SlaView) => boolean, what: string) =>
    waitFor(
      async () => {
        const s = await sla(id);
        return ready(s) ? s : null;
      },
      { what },
    );
  const clockOf = (s: SlaView, kind: string) => s.clocks.find((c) => c.kind === kind)!;
  const rowsOf = (s: SlaView, clockId: string) =>
    s.transitions.filter((t) => t.clockId === clockId).map((t) => [t.transition, t.at, t.cause]);
  const states = (kind: string, state: string) => (s: SlaView) =>
    s.clocks.find((c) => c.kind === kind)?.state === state;

  /** A conversation whose first-response and resolution clocks started at t0 and paused (snoozed) at minute 1. */
  async function snoozedConversation(): Promise<{ id: string; first: string; resolution: string }> {
    t0 = Math.floor(Date.now() / MIN) * MIN;
    moveTo(0);
    const waId = newWaId();
    await env.sandbox.customer(waId).withNumber(env.numbers.sales.phoneNumberId).text('oi');
    const [{ id }] = await waitFor(
      () =>
        env.query<{ id: string }>(
          `select c.id from conversations c join contacts k on k.id = c.contact_id where k.wa_id = $1`,
          [waId],
        ),
      { what: `the conversation of ${waId}` },
    );
    await slaWhen(id, states('first_response', 'running'), 'first response clock');
    moveTo(MIN);
    await env.api().post(`/api/conversations/${id}/snooze`).send({ untilCustomerReplies: true }).expect(200);
    const s = await slaWhen(id, states('first_response', 'paused'), 'paused by the snooze');
    return { id, first: clockOf(s, 'first_response').id, resolution: clockOf(s, 'resolution').id };
  }

  /** `count` transitions of the clock, alternately resumed and paused, one a second from minute 2 (SQL setup). */
  async function seed(conversationId: string, clockId: string, count: number): Promise<string[][]> {
    const rows = Array.from({ length: count }, (_, i) => [
      i % 2 === 0 ? 'resumed' : 'paused',
      at(2 * MIN + i * SEC),
      `seed:${i}`,
    ]);
    await env.query(
      `insert into sla_clock_transitions (clock_id, conversation_id, at, transition, cause, elapsed_ms, due_at)
       select $1, $2, r.at, r.transition, r.cause, 60000, null
         from unnest($3::timestamptz[], $4::text[], $5::text[]) with ordinality as r(at, transition, cause, i)
        order by r.i`,
      [clockId, conversationId, rows.map((r) => r[1]), rows.map((r) => r[0]), rows.map((r) => r[2])],
    );
    return rows;
  }

  /** Wakes the conversation at minute 30 (a real transition after the seeded ones). */
  async function wake(id: string, clockId: string): Promise<SlaView> {
    moveTo(30 * MIN);
    await env.api().delete(`/api/conversations/${id}/snooze`).expect(200);
    return slaWhen(id, (v) => rowsOf(v, clockId).at(-1)?.[1] === at(30 * MIN), 'resumed by the wake');
  }

  it('a clock with 523 transitions shows its latest 500, oldest first, and says it left some out', async () => {
    const { id, first, resolution } = await snoozedConversation();
    const seeded = await seed(id, first, 520);
    const s = await wake(id, first);

    const shown = rowsOf(s, first);
    expect(shown).toHaveLength(500);
    // Dropped: started, paused (the snooze) and seed:0…seed:20. Kept: seed:21…seed:519, then the wake.
    expect(shown[0]).toEqual(['paused', at(2 * MIN + 21 * SEC), 'seed:21']);
    expect(shown.slice(0, 499)).toEqual(seeded.slice(21));
    expect(shown[499]).toEqual(['resumed', at(30 * MIN), expect.stringMatching(/^conversation\.updated@/)]);
    // The other clock's three transitions are all there.
    expect(rowsOf(s, resolution).map(([t, when]) => [t, when])).toEqual([
      ['started', at(0)],
      ['paused', at(MIN)],
      ['resumed', at(30 * MIN)],
    ]);
    expect(s.truncated).toBe(true);
  });

  it('exactly 500 transitions are all shown, not truncated; the 501st drops the oldest', async () => {
    const { id, first } = await snoozedConversation();
    // started + paused + 497 seeded + the wake's resumed = 500.
    const seeded = await seed(id, first, 497);
    const s = await wake(id, first);
    const shown = rowsOf(s, first);
    expect(shown).toHaveLength(500);
    expect(shown[0]).toEqual(['started', at(0), expect.any(String)]);
    expect(shown[1]).toEqual(['paused', at(MIN), expect.any(String)]);
    expect(shown.slice(2, 499)).toEqual(seeded);
    expect(s.truncated).toBe(false);

    moveTo(31 * MIN);
    await env.api().post(`/api/conversations/${id}/snooze`).send({ untilCustomerReplies: true }).expect(200);
    const after = await slaWhen(id, (v) => rowsOf(v, first).at(-1)?.[1] === at(31 * MIN), 'paused again');
    const kept = rowsOf(after, first);
    expect(kept).toHaveLength(500);
    expect(kept[0]).toEqual(['paused', at(MIN), expect.any(String)]);
    expect(kept.at(-1)).toEqual(['paused', at(31 * MIN), expect.any(String)]);
    expect(after.truncated).toBe(true);
  });

  it('the OpenAPI description names the cap and the truncated flag', async () => {
    const doc = (await env.anonymous().get('/api/docs/openapi.json').expect(200)).body as {
      paths: Record<string, { get?: { description?: string } }>;
    };
    const description = doc.paths['/api/conversations/{id}/sla']?.get?.description ?? '';
    expect(description).toContain('latest 500 per clock');
    expect(description).toContain('`truncated: true`');
  });
});
