import { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../persistence/sql';
import { DomainEvent } from './domain-event-types';

/** A position in the stream: the publishing transaction's id, then the row's sequence number. */
export interface StreamPosition {
  xid: string;
  seq: string;
}

interface Row {
  xid: string;
  seq: string;
  name: DomainEvent['name'];
  payload: DomainEvent['payload'];
  occurred_at: Date | string;
}

/**
 * The read horizon, as SQL: the oldest transaction still running that could have written this database's events.
 * Transaction ids are server-wide, so the snapshot's xmin would let a transaction left open in ANOTHER database on
 * the same server (a test database, a second application) hold every reader here back. Only xids proven to belong to
 * another database (pg_stat_activity names its database) are skipped; anything unproven (another user's session whose
 * xid is hidden, a background worker, a transaction that ended between the two reads) still counts, so the horizon
 * is never later than the truth. With nothing in progress it is the snapshot's xmax (the next xid to be assigned).
 * pg_stat_activity's backend_xid is 32-bit; in-progress xids are within 2^31 of each other, so comparing the low 32
 * bits is exact.
 */
export const READ_HORIZON = `(with snap as (select pg_current_snapshot() as s)
  select coalesce(
    (select min(x::text::bigint) from snap, pg_snapshot_xip(snap.s) x
      where (x::text::bigint % 4294967296) not in (
        select a.backend_xid::text::bigint from pg_stat_activity a
         where a.datname <> current_database() and a.backend_xid is not null)),
    (select pg_snapshot_xmax(s)::text::bigint from snap)))`;

/**
 * Reads the stream after a position. Sequence numbers are taken when a row is inserted, not when its transaction
 * commits, so "after the last seq I saw" would skip an event a slower transaction commits later. Instead a reader
 * takes only rows of transactions older than the oldest one still running in this database (READ_HORIZON): those
 * transactions are all over, so no row can ever appear before the returned ones; order (xid, seq) is then final.
 * The price: a long-running writing transaction in this database holds every reader back until it ends.
 */
export async function readAfter(
  em: EntityManager,
  after: StreamPosition,
  limit: number,
): Promise<{ events: DomainEvent[]; last: StreamPosition | null; heldBack: boolean }> {
  const rows = await sql<Row>(
    em,
    // Ordered by the table's columns: the text aliases (bigint as text for JS) would sort "12" before "4".
    `select e.xid::text as xid, e.seq::text as seq, e.name, e.payload, e.occurred_at from domain_events e
      where (e.xid, e.seq) > (?::bigint, ?::bigint) and e.xid < ${READ_HORIZON}
      order by e.xid, e.seq limit ?`,
    [after.xid, after.seq, limit],
  );
  const last = rows.length ? { xid: rows[rows.length - 1].xid, seq: rows[rows.length - 1].seq } : null;
  // Fewer rows than asked, yet newer ones exist: committed by transactions still waiting on an older one (or not yet
  // committed). The caller looks again shortly rather than waiting for the safety poll.
  const heldBack =
    rows.length < limit &&
    (
      await sql(em, `select 1 from domain_events where (xid, seq) > (?::bigint, ?::bigint) limit 1`, [
        last?.xid ?? after.xid,
        last?.seq ?? after.seq,
      ])
    ).length > 0;
  return {
    events: rows.map(
      (r) =>
        ({
          name: r.name,
          payload: r.payload,
          position: `${r.xid}:${r.seq}`,
          occurredAt: new Date(r.occurred_at),
        }) as DomainEvent,
    ),
    last,
    heldBack,
  };
}
