import { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../persistence/sql';
import { DomainEvent } from './domain-event-types';
import { foreignTransactions } from './foreign-transactions';

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
 * another database are skipped: `foreign` is an SQL expression for their low 32 bits (a bigint[]), from
 * pg_stat_activity, which names each backend's database. Anything unproven (another user's session whose xid is
 * hidden, a background worker, a transaction that began after the list was read) still counts, so the horizon is
 * never later than the truth. With nothing in progress it is the snapshot's xmax (the next xid to be assigned).
 * pg_stat_activity's backend_xid is 32-bit; in-progress xids are within 2^31 of each other, so comparing the low 32
 * bits is exact.
 */
export const readHorizon = (foreign: string) => `(with snap as (select pg_current_snapshot() as s)
  select coalesce(
    (select min(x::text::bigint) from snap, pg_snapshot_xip(snap.s) x
      where (x::text::bigint % 4294967296) <> all(${foreign})),
    (select pg_snapshot_xmax(s)::text::bigint from snap)))`;

/** readHorizon with pg_stat_activity read in the statement itself: for rare statements that want it exact now. */
export const READ_HORIZON = readHorizon(`array(
  select a.backend_xid::text::bigint from pg_stat_activity a
   where a.datname <> current_database() and a.backend_xid is not null)`);

/** What a read found: the events, where the reader may continue from, and whether newer rows wait behind it. */
export interface StreamRead {
  events: DomainEvent[];
  /**
   * The position to continue after: the last event returned, or (reading only some names) the last row of any name
   * that is final, when every one of those names up to it was returned. Null when nothing was passed.
   */
  last: StreamPosition | null;
  /**
   * Fewer events than asked, yet newer (matching) rows exist: committed by transactions still waiting on an older one
   * (or not yet committed). The caller looks again shortly rather than waiting for the safety poll.
   */
  heldBack: boolean;
}

/**
 * Reads the stream after a position. Sequence numbers are taken when a row is inserted, not when its transaction
 * commits, so "after the last seq I saw" would skip an event a slower transaction commits later. Instead a reader
 * takes only rows of transactions older than the oldest one still running in this database (READ_HORIZON): those
 * transactions are all over, so no row can ever appear before the returned ones; order (xid, seq) is then final.
 * The price: a long-running writing transaction in this database holds every reader back until it ends.
 *
 * One statement (one snapshot, one horizon): up to `limit` + 1 rows after the position whatever the horizon, marked
 * readable or not; the readable ones are a prefix (rows are in xid order), and a row past them means held back.
 * With `names`, only rows of those names are read, and the reader may also pass every final row of other names up
 * to the horizon: an idle subscriber skips the stream's traffic without reading it.
 */
export function readAfter(
  em: EntityManager,
  after: StreamPosition,
  limit: number,
  names?: readonly string[],
): Promise<StreamRead> {
  return read(
    em,
    'select ?::bigint as xid, ?::bigint as seq, null::timestamptz as retry_at',
    [after.xid, after.seq],
    limit,
    names,
    'domain_events_read_after',
  ).then((r) => r ?? { events: [], last: null, heldBack: false });
}

/** A subscriber's read: its cursor as read in the same statement, then what readAfter returns from there. */
export interface CursorRead extends StreamRead {
  /** When the subscriber's failure backoff ends, if it has not yet. */
  retryAt: Date | null;
}

/**
 * readAfter from a subscriber's cursor, read in the same statement (so after the caller took the subscriber's lock
 * in an earlier one). Null when the subscriber has no cursor.
 */
export function readAfterCursor(
  em: EntityManager,
  subscriber: string,
  limit: number,
  names?: readonly string[],
): Promise<CursorRead | null> {
  return read(
    em,
    'select xid, seq, case when retry_at > now() then retry_at end as retry_at from domain_event_cursors where subscriber = ?',
    [subscriber],
    limit,
    names,
    'domain_events_read_cursor',
  );
}

type ReadRow = {
  [K in keyof Row]: Row[K] | null;
} & {
  readable: boolean | null;
  tail_xid: string | null;
  tail_seq: string | null;
  retry_at: Date | string | null;
};

async function read(
  em: EntityManager,
  from: string,
  fromParams: unknown[],
  limit: number,
  names: readonly string[] | undefined,
  /** A prepared statement per form: the reads run many times a second, the plan is made once per connection. */
  prepareAs: string,
): Promise<CursorRead | null> {
  const foreign = await foreignTransactions(em);
  const rows = await sql<ReadRow>(
    em,
    // Ordered by the table's columns: the text aliases (bigint as text for JS) would sort "12" before "4".
    `with h as materialized (select ${readHorizon('?::bigint[]')} as horizon), c as materialized (${from})
     select e.xid::text as xid, e.seq::text as seq, e.name, e.payload, e.occurred_at, e.xid < h.horizon as readable,
            t.xid::text as tail_xid, t.seq::text as tail_seq, c.retry_at
       from h cross join c
       left join lateral (
         select d.xid, d.seq from domain_events d
          where ?::boolean and d.xid < h.horizon and (d.xid, d.seq) > (c.xid, c.seq)
          order by d.xid desc, d.seq desc limit 1) t on true
       left join lateral (
         select d.xid, d.seq, d.name, d.payload, d.occurred_at from domain_events d
          where (d.xid, d.seq) > (c.xid, c.seq) and (?::text[] is null or d.name = any(?::text[]))
          order by d.xid, d.seq limit ?) e on true
      order by e.xid, e.seq`,
    [foreign, ...fromParams, Boolean(names), names ?? null, names ?? null, limit + 1],
    prepareAs,
  );
  if (!rows.length) return null;
  const retryAt = rows[0].retry_at ? new Date(rows[0].retry_at) : null;
  const found = rows.filter((r) => r.xid !== null);
  const readable = found.filter((r) => r.readable).slice(0, limit);
  const heldBack = readable.length < limit && found.length > readable.length;
  const lastRead = readable.length ? readable[readable.length - 1] : null;
  let last: StreamPosition | null = lastRead ? { xid: lastRead.xid!, seq: lastRead.seq! } : null;
  // Every matching final row was read (fewer than the limit): the other names' final rows after it are passed too.
  const tail = rows[0].tail_xid ? { xid: rows[0].tail_xid, seq: rows[0].tail_seq ?? '0' } : null;
  if (names && readable.length < limit && tail && (!last || later(tail, last))) last = tail;
  return {
    events: readable.map(
      (r) =>
        ({
          name: r.name,
          payload: r.payload,
          position: `${r.xid}:${r.seq}`,
          occurredAt: new Date(r.occurred_at!),
        }) as DomainEvent,
    ),
    last,
    heldBack,
    retryAt,
  };
}

const later = (a: StreamPosition, b: StreamPosition): boolean =>
  BigInt(a.xid) > BigInt(b.xid) || (a.xid === b.xid && BigInt(a.seq) > BigInt(b.seq));
