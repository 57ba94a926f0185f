/**
 * Set-based seeding for the benchmarks that write their rows directly (generate_series) instead of through the
 * product: timed steps, bulk loads with the secondary indexes set aside, and time-ordered ids.
 */
import { Client } from 'pg';

/** Time-ordered ids like the product's uuid v7, so rows are inserted in index order as live traffic writes them. */
export const BENCH_ID_FUNCTION = `create function pg_temp.bench_id(at timestamptz, n bigint) returns uuid language sql
  immutable as $$ select (lpad(to_hex((extract(epoch from at) * 1000)::bigint), 12, '0') || '7'
                          || lpad(to_hex(n), 19, '0'))::uuid $$`;

/**
 * Runs a bulk load into `table` with its secondary indexes and unique constraints set aside, then builds them again
 * from their own definitions (one sorted build each is far cheaper than millions of scattered index inserts). The
 * primary key stays: rows arrive in its order.
 */
export async function withoutIndexes(db: Client, table: string, load: () => Promise<void>): Promise<void> {
  const constraints = await db.query<{ name: string; def: string }>(
    `select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
      where conrelid = $1::regclass and contype = 'u'`,
    [table],
  );
  const indexes = await db.query<{ name: string; def: string }>(
    `select i.indexname as name, i.indexdef as def from pg_indexes i
      where i.tablename = $1 and i.indexname not like '%_pkey'
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    [table],
  );
  for (const c of constraints.rows) await db.query(`alter table ${table} drop constraint "${c.name}"`);
  for (const i of indexes.rows) await db.query(`drop index "${i.name}"`);
  await load();
  for (const i of indexes.rows) await db.query(i.def);
  for (const c of constraints.rows)
    await db.query(`alter table ${table} add constraint "${c.name}" ${c.def}`);
}

export type SeedStep = (name: string, text: string, params?: unknown[]) => Promise<void>;

/**
 * A step runner on `db`: each statement timed into `timings` (seconds) and logged; an `insert into` one of the
 * `bulk` tables runs without that table's secondary indexes.
 */
export function seedSteps(
  db: Client,
  bulk: readonly string[],
  log: (line: string) => void,
): { step: SeedStep; timings: Record<string, number> } {
  const timings: Record<string, number> = {};
  const step: SeedStep = async (name, text, params = []) => {
    const started = Date.now();
    const table = /^\s*insert into (\w+)/.exec(text)?.[1];
    if (table && bulk.includes(table))
      await withoutIndexes(db, table, () => db.query(text, params).then(() => undefined));
    else await db.query(text, params);
    timings[name] = (Date.now() - started) / 1000;
    log(`  ${name}: ${timings[name].toFixed(1)} s`);
  };
  return { step, timings };
}
