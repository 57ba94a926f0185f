import { EntityManager } from '@mikro-orm/postgresql';
import { DomainEventDelivery, DomainEventInput, DomainEvents } from '@switchboard/engine';
import { createTestDatabase, createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainEventFixturesModule } from '../fixtures/domain-events/domain-event-fixtures.module';

interface Seen {
  n: string;
  position: string;
  name: string;
  payload: Record<string, string>;
}

/** A card.updated event tagged by its card id: the tests publish these directly. */
const tagged = (tag: string): DomainEventInput => ({
  name: 'card.updated',
  payload: { cardId: tag, departmentId: '00000000-0000-0000-0000-000000000000' },
});

/** (xid, seq) of a position, for comparing stream order numerically. */
const order = (position: string) => position.split(':').map((p) => BigInt(p));
const before = (a: string, b: string) => {
  const [ax, as] = order(a);
  const [bx, bs] = order(b);
  return ax < bx || (ax === bx && as < bs);
};

describe('domain events', () => {
  let env: TestEnvironment;
  let events: DomainEvents;
  let em: EntityManager;

  beforeAll(async () => {
    env = await createTestEnvironment({ modules: [DomainEventFixturesModule] });
    events = env.app.get(DomainEvents);
    em = env.app.get(EntityManager);
  });
  afterAll(async () => {
    await env?.close();
  });

  const seen = (subscriber: string, where = 'true', params: unknown[] = []) =>
    env.query<Seen>(
      `select n::text, position, name, payload from fixture_events_seen
        where subscriber = $1 and ${where} order by fixture_events_seen.n`,
      [subscriber, ...params],
    );
  const seenTag = (subscriber: string, tag: string) => seen(subscriber, `payload->>'cardId' = $2`, [tag]);
  const publish = (list: DomainEventInput[]) => em.fork().transactional((tx) => events.publish(tx, list));

  it('a webhook delivery commits conversation.opened, card.created and message.received with the records', async () => {
    const waId = '5511944440001';
    await env.sandbox.customer(waId).text('Olá, vocês abrem sábado?');
    const [row] = await waitFor(() =>
      env.query<{ message_id: string; conversation_id: string; contact_id: string; card_id: string }>(
        `select m.id as message_id, c.id as conversation_id, c.contact_id, d.id as card_id from messages m
           join conversations c on c.id = m.conversation_id join contacts k on k.id = c.contact_id
           join cards d on d.conversation_id = c.id
          where k.wa_id = $1`,
        [waId],
      ),
    );
    const got = await waitFor(async () => {
      // Intake's own events (routing's decision follows in its own transaction).
      const rows = await seen(
        'fixture.recorder',
        `payload->>'conversationId' = $2 and name <> 'conversation.routed'`,
        [row.conversation_id],
      );
      return rows.length >= 3 ? rows : null;
    });
    const sales = env.numbers.sales;
    expect(got.map((e) => [e.name, e.payload])).toEqual([
      [
        'conversation.opened',
        {
          conversationId: row.conversation_id,
          numberId: sales.id,
          departmentId: sales.departmentId,
          contactId: row.contact_id,
        },
      ],
      [
        'card.created',
        {
          cardId: row.card_id,
          conversationId: row.conversation_id,
          departmentId: sales.departmentId,
          // The first stage of the default pipeline.
          stageKey: 'new',
        },
      ],
      [
        'message.received',
        {
          messageId: row.message_id,
          conversationId: row.conversation_id,
          numberId: sales.id,
          departmentId: sales.departmentId,
        },
      ],
    ]);
  });

  it('a reply Meta accepts is message.sent, then its delivery statuses are message.status', async () => {
    const [conversation] = await env.query<{ id: string }>(
      `select c.id from conversations c join contacts k on k.id = c.contact_id where k.wa_id = '5511944440001'`,
    );
    const reply = await env
      .api()
      .post(`/api/conversations/${conversation.id}/messages`)
      .send({ type: 'text', text: 'Sim, das 9h às 13h.' })
      .expect(202);
    const messageId = reply.body.id as string;
    const got = await waitFor(async () => {
      const rows = await seen('fixture.recorder', `payload->>'messageId' = $2`, [messageId]);
      return rows.some((r) => r.payload.status === 'read') ? rows : null;
    });
    const ids = {
      messageId,
      conversationId: conversation.id,
      numberId: env.numbers.sales.id,
      departmentId: env.numbers.sales.departmentId,
    };
    // The admin's own reply: a person (the author), not the product.
    expect(got.filter((e) => e.name === 'message.sent').map((e) => e.payload)).toEqual([
      { ...ids, byUserId: env.users.admin.id, automated: false },
    ]);
    // Meta reports sent, delivered, read; each one that raised the message is an event, in that order. (Meta's
    // "sent" may land before the send's own answer: it names our message id, so it can precede message.sent.)
    expect(got.filter((e) => e.name === 'message.status').map((e) => e.payload)).toEqual(
      ['sent', 'delivered', 'read'].map((status) => ({ ...ids, status })),
    );
  });

  it('editing a card is card.updated, moving it is card.moved', async () => {
    const [card] = await env.query<{ id: string }>(
      `select d.id from cards d join conversations c on c.id = d.conversation_id
         join contacts k on k.id = c.contact_id where k.wa_id = '5511944440001'`,
    );
    await env.api().patch(`/api/cards/${card.id}`).send({ title: 'Horário de sábado' }).expect(200);
    await env.api().post(`/api/cards/${card.id}/move`).send({ stage: 'in_progress' }).expect(200);
    const got = await waitFor(async () => {
      const rows = await seen('fixture.recorder', `payload->>'cardId' = $2 and name <> 'card.created'`, [
        card.id,
      ]);
      return rows.length >= 2 ? rows : null;
    });
    const departmentId = env.numbers.sales.departmentId;
    expect(got.map((e) => [e.name, e.payload])).toEqual([
      ['card.updated', { cardId: card.id, departmentId }],
      ['card.moved', { cardId: card.id, departmentId, fromStageKey: 'new', stageKey: 'in_progress' }],
    ]);
  });

  it('events commit with their change, and never when it rolls back', async () => {
    await expect(
      em.fork().transactional(async (tx) => {
        await events.publish(tx, tagged('rolled-back'));
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    await publish([tagged('committed-after')]);
    await waitFor(() => seenTag('fixture.recorder', 'committed-after'));
    expect(await seenTag('fixture.recorder', 'rolled-back')).toEqual([]);
    expect(await env.query(`select 1 from domain_events where payload->>'cardId' = 'rolled-back'`)).toEqual(
      [],
    );
  });

  it('an event committed late by an older transaction is still delivered, in stream order', async () => {
    const delivery = env.app.get(DomainEventDelivery);
    let published!: () => void;
    let release!: () => void;
    const aPublished = new Promise<void>((r) => (published = r));
    const aHeld = new Promise<void>((r) => (release = r));
    // A publishes first (so its transaction is older), B publishes and commits while A is still open.
    const a = em.fork().transactional(async (tx) => {
      await events.publish(tx, tagged('late-a'));
      published();
      await aHeld;
    });
    await aPublished;
    await publish([tagged('late-b')]);
    // A delivery pass after B's commit: B's event must wait for A, or A's would fall behind the cursor for good.
    try {
      let outcome = await delivery.deliverOnce('fixture.recorder');
      while (outcome.kind === 'busy') outcome = await delivery.deliverOnce('fixture.recorder');
      expect(await seenTag('fixture.recorder', 'late-b')).toEqual([]);
    } finally {
      release();
      await a;
    }
    const got = await waitFor(async () => {
      const rows = await seen('fixture.recorder', `payload->>'cardId' in ('late-a', 'late-b')`);
      return rows.length >= 2 ? rows : null;
    });
    expect(got.map((e) => e.payload.cardId)).toEqual(['late-a', 'late-b']);
  });

  it('a transaction left open in another database on the same server holds nothing back here', async () => {
    // Transaction ids are server-wide: another application's (or test's) open transaction must not stall us.
    const other = await createTestDatabase('sbtest_other');
    const client = new Client({ connectionString: other.url });
    await client.connect();
    try {
      await client.query('begin');
      await client.query('create table held (id int)');
      const [{ xid }] = (await client.query<{ xid: string }>('select pg_current_xact_id()::text as xid'))
        .rows;
      await publish([tagged('other-db-open')]);
      const got = await waitFor(
        async () => (await seenTag('fixture.recorder', 'other-db-open')).length > 0 || null,
        { what: 'the event, while the other database keeps its transaction open' },
      );
      expect(got).toBe(true);
      // The other transaction really was still open (and older than our event) all along.
      const [{ status }] = await env.query<{ status: string }>('select pg_xact_status($1::xid8) as status', [
        xid,
      ]);
      expect(status).toBe('in progress');
      const [event] = await seen('fixture.recorder', `payload->>'cardId' = 'other-db-open'`);
      expect(order(event.position)[0]).toBeGreaterThan(BigInt(xid));
      await client.query('rollback');
    } finally {
      await client.end();
      await other.drop();
    }
  });

  it('concurrent writers: each subscriber gets every event once, in stream order', async () => {
    const writers = Array.from({ length: 16 }, (_, w) =>
      em.fork().transactional(async (tx) => {
        await new Promise((r) => setTimeout(r, (w * 7) % 23));
        await events.publish(tx, [tagged(`conc-${w}-0`), tagged(`conc-${w}-1`)]);
        // Commit in a different order than the transactions began.
        await new Promise((r) => setTimeout(r, (w * 13) % 31));
        await events.publish(tx, tagged(`conc-${w}-2`));
      }),
    );
    await Promise.all(writers);
    for (const subscriber of ['fixture.recorder', 'fixture.flaky']) {
      const got = await waitFor(async () => {
        const rows = await seen(subscriber, `payload->>'cardId' like 'conc-%'`);
        return rows.length >= 48 ? rows : null;
      });
      expect(got).toHaveLength(48);
      expect(new Set(got.map((e) => e.payload.cardId)).size).toBe(48);
      for (let i = 1; i < got.length; i++) expect(before(got[i - 1].position, got[i].position)).toBe(true);
      for (let w = 0; w < 16; w++) {
        const mine = got
          .filter((e) => e.payload.cardId.startsWith(`conc-${w}-`))
          .map((e) => e.payload.cardId);
        expect(mine).toEqual([`conc-${w}-0`, `conc-${w}-1`, `conc-${w}-2`]);
      }
    }
  });

  it('a subscriber another process is delivering is left to it, then picked up when it lets go', async () => {
    const delivery = env.app.get(DomainEventDelivery);
    // Stand in for another worker in the middle of a batch: the test's own connection holds the subscriber's lock.
    const lock = `select pg_advisory_lock(hashtext('domain_event_cursor'), hashtext('fixture.recorder'))`;
    const unlock = `select pg_advisory_unlock(hashtext('domain_event_cursor'), hashtext('fixture.recorder'))`;
    try {
      await env.query(lock);
      await publish([tagged('while-locked')]);
      // The flaky subscriber is not locked: it gets the event, and this process leaves the recorder alone.
      await waitFor(() => seenTag('fixture.flaky', 'while-locked'));
      expect(await delivery.deliverOnce('fixture.recorder')).toEqual({ kind: 'busy' });
      expect(await seenTag('fixture.recorder', 'while-locked')).toEqual([]);
    } finally {
      await env.query(unlock);
    }
    await waitFor(() => seenTag('fixture.recorder', 'while-locked'));
    expect(await seenTag('fixture.recorder', 'while-locked')).toHaveLength(1);
  });

  it('a failing subscriber is retried with backoff and holds up no other subscriber', async () => {
    await env.query(
      `insert into fixture_events_control (subscriber, fail) values ('fixture.flaky', true)
       on conflict (subscriber) do update set fail = true`,
    );
    await publish([tagged('while-failing')]);
    await waitFor(() => seenTag('fixture.recorder', 'while-failing'));
    const failing = await waitFor(async () => {
      const [c] = await env.query<{ attempts: number; retry_at: Date | null; last_error: string | null }>(
        `select attempts, retry_at, last_error from domain_event_cursors where subscriber = 'fixture.flaky'`,
      );
      return c && c.attempts >= 3 ? c : null;
    });
    expect(failing.last_error).toBe('fixture.flaky was told to fail');
    expect(failing.retry_at).not.toBeNull();
    // Its writes rolled back with each failed attempt.
    expect(await seenTag('fixture.flaky', 'while-failing')).toEqual([]);
    await env.query(`update fixture_events_control set fail = false where subscriber = 'fixture.flaky'`);
    await waitFor(() => seenTag('fixture.flaky', 'while-failing'), { timeoutMs: 10_000 });
    expect(await seenTag('fixture.flaky', 'while-failing')).toHaveLength(1);
    const [after] = await env.query<{ attempts: number; last_error: string | null }>(
      `select attempts, last_error from domain_event_cursors where subscriber = 'fixture.flaky'`,
    );
    expect(after).toEqual({ attempts: 0, last_error: null });
  });

  it('old events are pruned only once every subscriber has passed them', async () => {
    const delivery = env.app.get(DomainEventDelivery);
    const stored = (tag: string) =>
      env.query(`select 1 from domain_events where payload->>'cardId' = $1`, [tag]).then((r) => r.length);
    const backdate = (tag: string) =>
      env.query(
        `update domain_events set occurred_at = now() - interval '400 hours' where payload->>'cardId' = $1`,
        [tag],
      );
    await env.query(`update fixture_events_control set fail = true where subscriber = 'fixture.flaky'`);
    await publish([tagged('old-unseen')]);
    await waitFor(() => seenTag('fixture.recorder', 'old-unseen'));
    await backdate('old-unseen');
    // Older than the retention (168 h), but fixture.flaky has not passed it yet.
    await delivery.prune();
    expect(await stored('old-unseen')).toBe(1);
    await env.query(`update fixture_events_control set fail = false where subscriber = 'fixture.flaky'`);
    await waitFor(() => seenTag('fixture.flaky', 'old-unseen'), { timeoutMs: 10_000 });
    await publish([tagged('recent')]);
    await waitFor(() => seenTag('fixture.flaky', 'recent'));
    await waitFor(() => seenTag('fixture.recorder', 'recent'));
    // A publish wakes only the subscribers of its names: the others pass these events on their next wake, so wake
    // them all and wait until every cursor (the product's own subscribers too) is past the recent event.
    await waitFor(async () => {
      delivery.wakeAll();
      const behind = await env.query(
        `select 1 from domain_event_cursors c, domain_events e
          where e.payload->>'cardId' = 'recent' and (c.xid, c.seq) < (e.xid, e.seq)`,
      );
      return behind.length === 0;
    });
    await delivery.prune();
    expect(await stored('old-unseen')).toBe(0);
    expect(await stored('recent')).toBe(1);
  });
});
