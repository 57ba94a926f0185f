import { Clock } from '@switchboard/engine';
import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlaView } from './support/sla-view';

const MIN = 60_000;
const SUBSCRIBER = 'sla.clocks';

/**
 * The SLA clocks apply each conversation.updated with the values it changed to, not the conversation as it is when
 * the batch runs: a snooze and its wake (or a priority raised and lowered) delivered in one batch each count at
 * their own minute. The batch is made by holding the clocks subscriber's delivery lock (as another worker in the
 * middle of a batch would) while both changes are published, on a controllable clock so deadlines are computed here.
 */
describe('SLA clocks follow the values carried by conversation.updated', () => {
  let env: TestEnvironment;
  let clock: Clock;
  let standard: string;
  let t0 = 0;
  let n = 0;

  const at = (minutes: number) => new Date(t0 + minutes * MIN).toISOString();
  const begin = () => {
    t0 = Math.floor(Date.now() / MIN) * MIN;
    clock.set(new Date(t0));
  };
  const moveTo = (minutes: number) => clock.set(new Date(t0 + minutes * MIN));
  const newWaId = () =>
    `55118${String(Date.now() % 1000000).padStart(6, '0')}${String(n++).padStart(2, '0')}`;

  const createPolicy = async (body: Record<string, unknown>) =>
    (
      await env
        .api()
        .post(`/api/departments/${env.numbers.sales.departmentId}/sla-policies`)
        .send(body)
        .expect(201)
    ).body.id as string;

  beforeAll(async () => {
    env = await createTestEnvironment({ config: { testing: { clock: 'controllable' } } });
    clock = env.app.get(Clock);
    await env
      .api()
      .put(`/api/departments/${env.numbers.sales.departmentId}/queues/default`)
      .send({ strategy: 'manual' })
      .expect(200);
    await createPolicy({
      key: 'urgent',
      name: 'Urgent',
      match: { priorities: ['urgent'] },
      businessHours: false,
      targets: {
        firstResponse: { warningMinutes: 5, breachMinutes: 10 },
        resolution: { warningMinutes: 60, breachMinutes: 120 },
      },
    });
    standard = await createPolicy({
      key: 'standard',
      name: 'Standard',
      businessHours: false,
      targets: {
        firstResponse: { warningMinutes: 10, breachMinutes: 30 },
        resolution: { warningMinutes: 100, breachMinutes: 240 },
      },
    });
  });
  afterAll(async () => {
    await env?.close();
  });

  async function customerWrites(waId: string, text: string): Promise<string> {
    await env.sandbox.customer(waId).withNumber(env.numbers.sales.phoneNumberId).text(text);
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

  const sla = async (id: string) =>
    (await env.api().get(`/api/conversations/${id}/sla`).expect(200)).body as SlaView;
  const latest = (s: SlaView, kind: string) => s.clocks.filter((c) => c.kind === kind).at(-1);
  const transitionsOf = (s: SlaView, clockId: string) =>
    s.transitions.filter((t) => t.clockId === clockId).map((t) => [t.transition, t.at, t.elapsedMs, t.dueAt]);

  /** A conversation whose first response and resolution clocks run from minute 0 under the standard policy. */
  async function started(): Promise<string> {
    begin();
    const id = await customerWrites(newWaId(), 'preciso de ajuda');
    await waitFor(
      async () => {
        const s = await sla(id);
        return latest(s, 'first_response') && latest(s, 'resolution') ? s : null;
      },
      { what: 'clocks started' },
    );
    return id;
  }

  /**
   * Runs `changes` while this test's connection holds the clocks subscriber's delivery lock, so the events they
   * publish wait and are delivered together once it lets go; resolves when the subscriber's cursor has passed every
   * conversation.updated of the conversation (the marker that the batch ran, whatever it did).
   */
  async function inOneBatch(id: string, expected: number, changes: () => Promise<void>): Promise<void> {
    const args = `hashtext('domain_event_cursor'), hashtext('${SUBSCRIBER}')`;
    await env.query(`select pg_advisory_lock(${args})`);
    try {
      await changes();
      const [{ n: published }] = await env.query<{ n: number }>(
        `select count(*)::int as n from domain_events
          where name = 'conversation.updated' and payload->>'conversationId' = $1`,
        [id],
      );
      expect(published).toBe(expected);
    } finally {
      await env.query(`select pg_advisory_unlock(${args})`);
    }
    await waitFor(
      async () => {
        const [{ n: pending }] = await env.query<{ n: number }>(
          `select count(*)::int as n from domain_events e
            where e.name = 'conversation.updated' and e.payload->>'conversationId' = $1
              and (e.xid, e.seq) > (select c.xid, c.seq from domain_event_cursors c where c.subscriber = $2)`,
          [id, SUBSCRIBER],
        );
        return pending === 0 ? true : null;
      },
      { what: 'the clocks subscriber passed both changes' },
    );
  }

  it('a snooze at minute 4 and a wake at minute 6 in one batch: 2 minutes paused, deadlines 2 minutes later', async () => {
    const id = await started();
    await inOneBatch(id, 2, async () => {
      moveTo(4);
      await env
        .api()
        .post(`/api/conversations/${id}/snooze`)
        .send({ untilCustomerReplies: true })
        .expect(200);
      moveTo(6);
      await env.api().delete(`/api/conversations/${id}/snooze`).expect(200);
    });
    const s = await sla(id);
    const first = latest(s, 'first_response')!;
    // 4 of 30 minutes counted before the snooze, 26 left from minute 6: due at 32, not 30.
    expect(first).toMatchObject({ state: 'running', policyId: standard, dueAt: at(32) });
    expect(transitionsOf(s, first.id)).toEqual([
      ['started', at(0), 0, at(30)],
      ['paused', at(4), 4 * MIN, null],
      ['resumed', at(6), 4 * MIN, at(32)],
    ]);
    // 4 of 240 counted, 236 left from minute 6.
    expect(latest(s, 'resolution')).toMatchObject({ state: 'running', dueAt: at(242) });
  });

  it('priority raised at minute 2 and lowered at minute 4 in one batch: both recomputes are in the transitions', async () => {
    const id = await started();
    await inOneBatch(id, 2, async () => {
      moveTo(2);
      await env.api().put(`/api/conversations/${id}/priority`).send({ priority: 'urgent' }).expect(200);
      moveTo(4);
      await env.api().put(`/api/conversations/${id}/priority`).send({ priority: 'normal' }).expect(200);
    });
    const s = await sla(id);
    const first = latest(s, 'first_response')!;
    expect(first).toMatchObject({ state: 'running', policyId: standard, dueAt: at(30) });
    // Urgent at minute 2: 2 of its 10 minutes counted, due at 10; normal again at 4: 4 of 30, due at 30.
    expect(transitionsOf(s, first.id)).toEqual([
      ['started', at(0), 0, at(30)],
      ['recomputed', at(2), 2 * MIN, at(10)],
      ['recomputed', at(4), 4 * MIN, at(30)],
    ]);
  });
});
