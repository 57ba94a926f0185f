import { EntityManager } from '@mikro-orm/postgresql';
import { DomainEventDelivery, DomainEventInput, DomainEvents } from '@switchboard/engine';
import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainEventFixturesModule } from '../fixtures/domain-events/domain-event-fixtures.module';

const NO_DEPARTMENT = '00000000-0000-0000-0000-000000000000';

/** card.updated, the one name fixture.cards handles, tagged by its card id. */
const card = (tag: string): DomainEventInput => ({
  name: 'card.updated',
  payload: { cardId: tag, departmentId: NO_DEPARTMENT },
});

/** message.status, a name fixture.cards does not handle, tagged by its message id. */
const status = (tag: string): DomainEventInput => ({
  name: 'message.status',
  payload: {
    messageId: tag,
    conversationId: NO_DEPARTMENT,
    numberId: NO_DEPARTMENT,
    departmentId: NO_DEPARTMENT,
    status: 'delivered',
  },
});

describe('domain events: a subscriber of some names', () => {
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

  const seen = (subscriber: string, tags: string[]) =>
    env.query<{ name: string; tag: string }>(
      `select name, coalesce(payload->>'cardId', payload->>'messageId') as tag from fixture_events_seen
        where subscriber = $1 and coalesce(payload->>'cardId', payload->>'messageId') = any($2::text[])
        order by n`,
      [subscriber, tags],
    );
  const publish = (list: DomainEventInput[]) => em.fork().transactional((tx) => events.publish(tx, list));
  const cursorXid = async (subscriber: string) =>
    BigInt(
      (
        await env.query<{ xid: string }>(
          'select xid::text as xid from domain_event_cursors where subscriber = $1',
          [subscriber],
        )
      )[0].xid,
    );

  it('is handed only its own names, in stream order, among events of other names', async () => {
    await publish([status('mix-s1'), card('mix-c1'), status('mix-s2')]);
    await publish([status('mix-s3')]);
    await publish([card('mix-c2'), status('mix-s4')]);
    const tags = ['mix-s1', 'mix-c1', 'mix-s2', 'mix-s3', 'mix-c2', 'mix-s4'];
    // The recorder takes every name: the same stream, all of it, is the reference.
    await waitFor(async () => ((await seen('fixture.recorder', tags)).length === 6 ? true : null));
    const cards = await waitFor(async () => {
      const rows = await seen('fixture.cards', tags);
      return rows.length >= 2 ? rows : null;
    });
    expect(cards).toEqual([
      { name: 'card.updated', tag: 'mix-c1' },
      { name: 'card.updated', tag: 'mix-c2' },
    ]);
  });

  it('does not pass over an event of its names that an older transaction commits after newer events of other names', async () => {
    const delivery = env.app.get(DomainEventDelivery);
    let published!: (xid: bigint) => void;
    let release!: () => void;
    const aPublished = new Promise<bigint>((r) => (published = r));
    const aHeld = new Promise<void>((r) => (release = r));
    // A publishes its card.updated first (the older transaction); B's message.status commits while A is open.
    const a = em.fork().transactional(async (tx) => {
      await events.publish(tx, card('held-card'));
      const [{ xid }] = await tx
        .getConnection()
        .execute<{ xid: string }[]>(
          'select pg_current_xact_id()::text as xid',
          [],
          'all',
          tx.getTransactionContext(),
        );
      published(BigInt(xid));
      await aHeld;
    });
    const aXid = await aPublished;
    try {
      await publish([status('held-after-1'), status('held-after-2')]);
      // B's events are final only once A ends: a read now must leave the cursor before A's transaction.
      let outcome = await delivery.deliverOnce('fixture.cards');
      while (outcome.kind === 'busy') outcome = await delivery.deliverOnce('fixture.cards');
      expect(await cursorXid('fixture.cards')).toBeLessThan(aXid);
      expect(await seen('fixture.cards', ['held-card'])).toEqual([]);
    } finally {
      release();
      await a;
    }
    const got = await waitFor(async () => {
      const rows = await seen('fixture.cards', ['held-card', 'held-after-1', 'held-after-2']);
      return rows.length ? rows : null;
    });
    expect(got).toEqual([{ name: 'card.updated', tag: 'held-card' }]);
  });
});
