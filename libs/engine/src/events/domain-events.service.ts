import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { sql } from '../persistence/sql';
import { DomainEventInput } from './domain-event-types';

/** The channel a committed publish notifies: delivery loops in every process wake on it. */
export const DOMAIN_EVENTS_CHANNEL = 'switchboard_domain_events';

/**
 * Publishes domain events inside the caller's transaction: they commit with the change or not at all. Each row
 * records the transaction id (pg_current_xact_id) that readers order and gate by. A NOTIFY in the same transaction
 * wakes the delivery loops of every process once it commits (PostgreSQL delivers notifications only on commit and
 * folds identical ones of a transaction into one); its payload names the events, so only their subscribers wake.
 * Events are stamped with the engine Clock's time (the fact's time everywhere, e.g. SLA and reports), so under a
 * controllable clock they agree with the deadlines it drives.
 */
@Injectable()
export class DomainEvents {
  constructor(private readonly clock: Clock) {}

  async publish(em: EntityManager, events: DomainEventInput | readonly DomainEventInput[]): Promise<void> {
    const list = Array.isArray(events)
      ? (events as readonly DomainEventInput[])
      : [events as DomainEventInput];
    if (!list.length) return;
    if (!em.isInTransaction())
      throw new Error('domain events are published inside the transaction of the change they describe');
    // One statement for the whole list: intake publishes a batch's events at once.
    await sql(
      em,
      `with e as (
         insert into domain_events (xid, name, payload, occurred_at)
         select pg_current_xact_id()::text::bigint, e.name, e.payload, ?::timestamptz
           from unnest(?::text[], ?::jsonb[]) with ordinality as e(name, payload, n) order by e.n
         returning 1)
       select pg_notify(?, ?) from (select 1) one where exists (select 1 from e)`,
      [
        this.clock.now(),
        list.map((e) => e.name),
        list.map((e) => JSON.stringify(e.payload)),
        DOMAIN_EVENTS_CHANNEL,
        // The names published: delivery wakes only the subscribers of one of them.
        [...new Set(list.map((e) => e.name))].sort().join(','),
      ],
    );
  }
}
