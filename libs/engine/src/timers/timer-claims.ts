import { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../persistence/sql';
import { FiredTimer } from './timer-types';

interface Row {
  key: string;
  kind: string;
  due_at: Date | string;
  payload: Record<string, unknown>;
}

function fired(rows: Row[], firedAt: Date): FiredTimer[] {
  return rows
    .map((r) => ({ kind: r.kind, key: r.key, dueAt: new Date(r.due_at), payload: r.payload, firedAt }))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || (a.key < b.key ? -1 : 1));
}

/**
 * Takes up to `limit` timers of `kinds` due by `now`, earliest first, out of the table in the caller's
 * transaction. The rows stay locked until it ends: rolled back, they are due again; committed, they are gone, so
 * each fires once. SKIP LOCKED lets other runners take the next ones meanwhile. Only the due_at index range up to
 * `now` is read, however many timers wait beyond it. Deleting before the handlers run lets a handler schedule the
 * same key again.
 */
export async function claimDue(
  em: EntityManager,
  kinds: readonly string[],
  now: Date,
  limit: number,
): Promise<FiredTimer[]> {
  const rows = await sql<Row>(
    em,
    `delete from timers where key in (
       select key from timers where due_at <= ? and kind = any(?::text[])
        order by due_at limit ? for update skip locked)
     returning key, kind, due_at, payload`,
    [now, [...kinds], limit],
  );
  return fired(rows, now);
}

/** Takes one timer again, if it is still the same one (not fired, moved or cancelled meanwhile). */
export async function claimOne(em: EntityManager, timer: FiredTimer, now: Date): Promise<FiredTimer | null> {
  const rows = await sql<Row>(
    em,
    `delete from timers where key in (
       select key from timers where key = ? and due_at = ? for update skip locked)
     returning key, kind, due_at, payload`,
    [timer.key, timer.dueAt],
  );
  return fired(rows, now)[0] ?? null;
}

/**
 * Records a failed firing in its own statement (the firing's transaction rolled back) and moves the timer to
 * now + retryBase * 2^(attempts so far), capped at retryMax; only if it is still the timer that failed.
 */
export async function recordFailure(
  em: EntityManager,
  timer: FiredTimer,
  error: Error,
  now: Date,
  backoff: { retryBaseMs: number; retryMaxMs: number },
): Promise<number | null> {
  const [row] = await sql<{ attempts: number }>(
    em,
    `update timers set attempts = attempts + 1, last_error = ?,
            due_at = ?::timestamptz + make_interval(secs => least(?::float, ?::float * power(2, attempts)) / 1000)
      where key = ? and due_at = ? returning attempts`,
    [error.message.slice(0, 500), now, backoff.retryMaxMs, backoff.retryBaseMs, timer.key, timer.dueAt],
  );
  return row?.attempts ?? null;
}

/** The earliest due time among timers of `kinds` (the first entry of the due_at index that matches). */
export async function nextDue(em: EntityManager, kinds: readonly string[]): Promise<Date | null> {
  const [row] = await sql<{ due: Date | string | null }>(
    em,
    `select min(due_at) as due from timers where kind = any(?::text[])`,
    [[...kinds]],
  );
  return row?.due ? new Date(row.due) : null;
}
