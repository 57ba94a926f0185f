import { Clock } from '@switchboard/engine';
import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlaView } from './support/sla-view';

const SEC = 1000;

/**
 * GET /api/conversations/:id/sla keeps each clock's latest 500 transitions, oldest first, and says when it left older
 * ones out (`truncated: true`). Every transition here is made through the API: a customer's message starts the
 * first-response and resolution clocks at t0, then the conversation is snoozed and woken 520 times, one call a
 * second on the controllable clock (each conversation.updated carries its own snoozed value and time, so the clocks
 * need not be waited for between calls). Snooze n (odd n) pauses both clocks at t0 + n s, wake n (even n) resumes
 * them: after n calls each clock has 1 + n transitions.
 */
describe('SLA transitions through the API: the latest 500 per clock', () => {
  let env: TestEnvironment;
  let clock: Clock;
  let t0 = 0;
  let id = '';
  let calls = 0;

  const at = (ms: number) => new Date(t0 + ms).toISOString();
  const sla = async () => (await env.api().get(`/api/conversations/${id}/sla`).expect(200)).body as SlaView;
  /** The SLA view once both clocks recorded the transition of call `n`. */
  const afterCall = (n: number) =>
    waitFor(
      async () => {
        const s = await sla();
        const last = (kind: string) => s.transitions.filter((t) => t.kind === kind).at(-1)?.at;
        return last('first_response') === at(n * SEC) && last('resolution') === at(n * SEC) ? s : null;
      },
      { what: `the transitions of call ${n}` },
    );
  /** Snoozes (odd calls) or wakes (even calls) the conversation at t0 + n s, up to call `n`. */
  async function callUpTo(n: number): Promise<void> {
    while (calls < n) {
      calls++;
      clock.set(new Date(t0 + calls * SEC));
      if (calls % 2 === 1)
        await env
          .api()
          .post(`/api/conversations/${id}/snooze`)
          .send({ untilCustomerReplies: true })
          .expect(200);
      else await env.api().delete(`/api/conversations/${id}/snooze`).expect(200);
    }
  }
  /** What a clock's transitions must be after `n` calls, by hand: started at t0, then paused/resumed each second. */
  const expected = (n: number) => [
    ['started', at(0)],
    ...Array.from({ length: n }, (_, i) => [i % 2 === 0 ? 'paused' : 'resumed', at((i + 1) * SEC)]),
  ];
  const rowsOf = (s: SlaView, kind: string) =>
    s.transitions.filter((t) => t.kind === kind).map((t) => [t.transition, t.at]);

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
        // Far beyond the 520 s the scenario lasts: no warning or breach joins the transitions.
        targets: {
          firstResponse: { warningMinutes: 30, breachMinutes: 60 },
          resolution: { warningMinutes: 120, breachMinutes: 240 },
        },
      })
      .expect(201);
    t0 = Math.floor(Date.now() / 60_000) * 60_000;
    clock.set(new Date(t0));
    const waId = `55117${Date.now().toString().slice(-6)}00`;
    await env.sandbox.customer(waId).withNumber(env.numbers.sales.phoneNumberId).text('oi');
    [{ id }] = await waitFor(
      () =>
        env.query<{ id: string }>(
          'select c.id from conversations c join contacts k on k.id = c.contact_id where k.wa_id = $1',
          [waId],
        ),
      { what: `the conversation of ${waId}` },
    );
    await afterCall(0);
  }, 180_000);
  afterAll(async () => {
    await env?.close();
  });

  it('499 calls: 500 transitions per clock, all shown, not truncated', async () => {
    await callUpTo(499);
    const s = await afterCall(499);
    expect(rowsOf(s, 'first_response')).toEqual(expected(499));
    expect(rowsOf(s, 'resolution')).toEqual(expected(499));
    expect(s.truncated).toBe(false);
    // ~500 sequential calls: seconds on an idle machine, minutes on a loaded one.
  }, 600_000);

  it('the 501st transition drops the oldest (started) and says so', async () => {
    await callUpTo(500);
    const s = await afterCall(500);
    const first = rowsOf(s, 'first_response');
    expect(first).toHaveLength(500);
    expect(first[0]).toEqual(['paused', at(1 * SEC)]);
    expect(first).toEqual(expected(500).slice(1));
    expect(s.truncated).toBe(true);
  }, 120_000);

  it('520 calls: the latest 500 of each clock, oldest first, each with its cause', async () => {
    await callUpTo(520);
    const s = await afterCall(520);
    // 521 transitions each: started and calls 1–20 are left out; call 21 (a snooze) comes first, call 520 last.
    for (const kind of ['first_response', 'resolution']) {
      const rows = rowsOf(s, kind);
      expect(rows, kind).toHaveLength(500);
      expect(rows[0], kind).toEqual(['paused', at(21 * SEC)]);
      expect(rows[499], kind).toEqual(['resumed', at(520 * SEC)]);
      expect(rows, kind).toEqual(expected(520).slice(21));
    }
    expect(
      s.transitions.every((t) => /^conversation\.updated@/.test(t.cause)),
      'every kept transition was caused by a snooze or wake',
    ).toBe(true);
    expect(s.truncated).toBe(true);
  }, 120_000);
});
