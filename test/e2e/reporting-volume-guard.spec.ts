import { Clock } from '@switchboard/engine';
import { VolumeGuardPrune } from '@switchboard/reporting';
import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Reporting's volume guard (report_volume_messages: a row per message counted, so a copy of its event is not counted
 * twice) is pruned once a message's hour is older than reporting.volumeGuardRetentionHours (336 h by default) on the
 * engine clock. Three customers write to Sales, on the controllable clock:
 *   a  2030-03-01 10:00   hour 10:00, 14 days and 1 hour before "now": pruned
 *   b  2030-03-01 11:00   hour 11:00, exactly 336 h before "now": kept (only older hours go)
 *   c  2030-03-15 10:00   an hour before "now": kept
 * "now" is 2030-03-15 11:00.
 */
const NOW = '2030-03-15T11:00:00Z';

describe('reporting: the volume guard is pruned after its retention', () => {
  let env: TestEnvironment;
  let clock: Clock;
  let n = 0;
  const messages: Record<string, string> = {};

  const newWaId = () => `55216${Date.now().toString().slice(-6)}${String(n++).padStart(2, '0')}`;

  /** The customer writes at `at`; resolves with the stored message's id. */
  async function customerWrites(name: string, at: string): Promise<void> {
    clock.set(new Date(at));
    const text = `${name} olá`;
    await env.sandbox.customer(newWaId()).withNumber(env.numbers.sales.phoneNumberId).text(text);
    const [row] = await waitFor(
      () => env.query<{ id: string }>('select id from messages where body = $1', [text]),
      {
        what: `message "${text}" stored`,
      },
    );
    messages[name] = row.id;
  }

  /** Reporting has applied every event published so far. */
  async function caughtUp(): Promise<void> {
    const [last] = await env.query<{ xid: string; seq: string }>(
      'select xid::text, seq::text from domain_events order by xid desc, seq desc limit 1',
    );
    await waitFor(
      async () => {
        const [c] = await env.query<{ xid: string; seq: string; last_error: string | null }>(
          `select xid::text, seq::text, last_error from domain_event_cursors where subscriber = 'reporting.facts'`,
        );
        if (c.last_error) throw new Error(c.last_error);
        return BigInt(c.xid) > BigInt(last.xid) || (c.xid === last.xid && BigInt(c.seq) >= BigInt(last.seq));
      },
      { what: 'reporting caught up' },
    );
  }

  const volume = async () =>
    (
      (
        await env
          .api()
          .get('/api/reports/volume')
          .query({ from: '2030-03-01T00:00:00Z', to: '2030-03-16T00:00:00Z' })
          .expect(200)
      ).body.rows as { hour: string; inbound: number; outbound: number }[]
    ).map((r) => [r.hour, r.inbound, r.outbound]);

  const EXPECTED_VOLUME = [
    ['2030-03-01T10:00:00.000Z', 1, 0],
    ['2030-03-01T11:00:00.000Z', 1, 0],
    ['2030-03-15T10:00:00.000Z', 1, 0],
  ];

  /** The guard rows left of the three messages, by name. */
  const guarded = async () => {
    const rows = await env.query<{ message_id: string }>(
      'select message_id from report_volume_messages where message_id = any($1::uuid[])',
      [Object.values(messages)],
    );
    const kept = new Set(rows.map((r) => r.message_id));
    return Object.keys(messages)
      .filter((name) => kept.has(messages[name]))
      .sort();
  };

  beforeAll(async () => {
    const shared: { clock?: Clock } = {};
    env = await createTestEnvironment({
      config: { testing: { clock: 'controllable' } },
      sandbox: { now: () => shared.clock?.now().getTime() ?? Date.now() },
    });
    clock = env.app.get(Clock);
    shared.clock = clock;
    await customerWrites('a', '2030-03-01T10:00:00Z');
    await customerWrites('b', '2030-03-01T11:00:00Z');
    await customerWrites('c', '2030-03-15T10:00:00Z');
    await caughtUp();
  }, 120_000);
  afterAll(async () => {
    await env?.close();
  });

  it('rows whose hour is older than the retention go; the rest stay; the figures do not change', async () => {
    expect(await guarded()).toEqual(['a', 'b', 'c']);
    clock.set(new Date(NOW));
    expect(await env.app.get(VolumeGuardPrune).prune()).toBe(1);
    expect(await guarded()).toEqual(['b', 'c']);
    // Pruned again: nothing more is old enough.
    expect(await env.app.get(VolumeGuardPrune).prune()).toBe(0);
    expect(await volume()).toEqual(EXPECTED_VOLUME);
  });

  it('a late copy of an event within the retention still counts once', async () => {
    // Copies of b's and c's message.received, published under new positions as a retrying publisher would.
    await env.query(
      `with copies as (
         insert into domain_events (xid, name, payload, occurred_at)
         select pg_current_xact_id()::text::bigint, e.name, e.payload, e.occurred_at
           from domain_events e
          where e.name = 'message.received' and e.payload->>'messageId' = any($1::text[])
          order by e.xid, e.seq
         returning 1)
       select pg_notify('switchboard_domain_events', 'message.received') from (select 1) one
        where exists (select 1 from copies)`,
      [[messages.b, messages.c]],
    );
    const [{ count }] = await env.query<{ count: number }>(
      `select count(*)::int as count from domain_events where name = 'message.received'
          and payload->>'messageId' = any($1::text[])`,
      [[messages.b, messages.c]],
    );
    expect(count).toBe(4); // the originals and their copies
    await caughtUp();
    expect(await volume()).toEqual(EXPECTED_VOLUME);
  });
});
