import { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../persistence/sql';

/** How old the list may be. A newer foreign transaction counts as this database's until then: safe, only slower. */
const REFRESH_MS = 1000;

interface Entry {
  at: number;
  xids: string[];
  pending: Promise<string[]> | null;
}

/** Per ORM instance (one database each): tests run several apps, on different databases, in one process. */
const cache = new WeakMap<object, Entry>();

/**
 * Transaction ids (low 32 bits) that pg_stat_activity shows in progress in OTHER databases of the server, read at
 * most once a second per process. Reading pg_stat_activity in every stream read cost more than the read itself.
 * A list up to a second old is still exact where it matters: an xid proven to belong to another database belongs to
 * it forever, so excluding it never lets a reader pass a transaction of this database; a foreign transaction
 * that began since is simply not excluded yet (it holds the horizon back until the next refresh, as any running
 * transaction does).
 */
export async function foreignTransactions(em: EntityManager): Promise<string[]> {
  const key = em.getDriver();
  const entry = cache.get(key) ?? { at: 0, xids: [], pending: null };
  cache.set(key, entry);
  if (entry.at && performance.now() - entry.at < REFRESH_MS) return entry.xids;
  if (entry.pending) return entry.pending;
  const startedAt = performance.now();
  // On the caller's connection, in its transaction: a second connection per reader could exhaust the pool while
  // every reader's transaction holds one. A failure is the caller's, and the next reader refreshes again.
  entry.pending = sql<{ xid: string }>(
    em,
    `select backend_xid::text as xid from pg_stat_activity
      where datname <> current_database() and backend_xid is not null`,
  ).then(
    (rows) => {
      entry.xids = rows.map((r) => r.xid);
      entry.at = startedAt;
      entry.pending = null;
      return entry.xids;
    },
    (e: unknown) => {
      entry.pending = null;
      throw e;
    },
  );
  return entry.pending;
}
