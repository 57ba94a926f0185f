/**
 * The reporting benchmark's database: a fresh one dropped at the end, or a named one (`--database=<name>`) that is
 * created when missing and never dropped, so a long seed can be run once (`--seed-only`) and measured later on a
 * quiet machine (`--measure-only`). A finished seed leaves a marker row (`bench_reporting_seed`) holding what the
 * measuring run needs: the size, the installation's departments and the seed's step timings.
 */
import { createTestDatabase, TEST_SERVER_URL, TestDatabase } from '@switchboard/testing';
import { Client } from 'pg';
import { Installation } from './seed';

const NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const MARKER = 'bench_reporting_seed';

export interface SeedMarker {
  conversations: number;
  departmentIds: string[];
  seedSeconds: Record<string, number>;
  seededAt: Date;
}

const serverClient = async () => {
  const c = new Client({ connectionString: TEST_SERVER_URL });
  await c.connect();
  return c;
};

const urlOf = (name: string) => {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
};

/** The named database (created when missing unless `mustExist`), never dropped; or a fresh one. */
export async function openBenchDatabase(name: string | undefined, mustExist: boolean): Promise<TestDatabase> {
  if (name === undefined) return createTestDatabase('sbreport');
  if (!NAME.test(name)) throw new Error(`--database=${name}: not a plain PostgreSQL name ([a-z_][a-z0-9_]*)`);
  const admin = await serverClient();
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!found.rowCount) {
      if (mustExist)
        throw new Error(
          `--measure-only: database ${name} does not exist (seed it first with --database=${name})`,
        );
      await admin.query(`create database ${name}`);
    }
  } finally {
    await admin.end();
  }
  return { url: urlOf(name), name, drop: async () => undefined };
}

/** The finished seed's marker, or null when the database holds no finished seed. */
export async function readSeedMarker(db: Client): Promise<SeedMarker | null> {
  const exists = await db.query<{ t: string | null }>('select to_regclass($1) as t', [MARKER]);
  if (!exists.rows[0].t) return null;
  const row = await db.query<{
    conversations: number;
    department_ids: string[];
    seed_seconds: Record<string, number>;
    seeded_at: Date;
  }>(`select conversations, department_ids, seed_seconds, seeded_at from ${MARKER}`);
  const r = row.rows[0];
  if (!r) return null;
  return {
    conversations: r.conversations,
    departmentIds: r.department_ids,
    seedSeconds: r.seed_seconds,
    seededAt: r.seeded_at,
  };
}

/** Refuses to seed into a database that already holds (part of) a seed: the rows would collide. */
export async function assertSeedable(db: Client, name: string): Promise<void> {
  if (await readSeedMarker(db))
    throw new Error(
      `database ${name} is already seeded: measure it with --measure-only, or drop it to reseed`,
    );
  const conversations = await db.query<{ t: string | null }>(`select to_regclass('conversations') as t`);
  if (conversations.rows[0].t) {
    const any = await db.query('select 1 from conversations limit 1');
    if (any.rowCount)
      throw new Error(`database ${name} holds an unfinished seed (no marker): drop it and seed again`);
  }
}

/** Written last: the seed is complete. */
export async function writeSeedMarker(
  db: Client,
  conversations: number,
  installation: Installation,
  seedSeconds: Record<string, number>,
): Promise<void> {
  await db.query(
    `create table ${MARKER} (conversations integer not null, department_ids uuid[] not null,
       seed_seconds jsonb not null, seeded_at timestamptz not null default now())`,
  );
  await db.query(`insert into ${MARKER} (conversations, department_ids, seed_seconds) values ($1, $2, $3)`, [
    conversations,
    installation.departmentIds,
    JSON.stringify(seedSeconds),
  ]);
}

/** The seed to measure: fails clearly unless the database holds a finished seed of the expected size. */
export async function expectSeeded(db: Client, name: string, conversations: number): Promise<SeedMarker> {
  const marker = await readSeedMarker(db);
  if (!marker)
    throw new Error(
      `--measure-only: database ${name} holds no finished seed (run with --database=${name} --seed-only first)`,
    );
  const counted = Number((await db.query('select count(*) as n from conversations')).rows[0].n);
  if (marker.conversations !== conversations || counted !== conversations)
    throw new Error(
      `--measure-only: database ${name} is seeded with ${counted} conversations (marker: ${marker.conversations}), ` +
        `expected ${conversations}; pass --conversations=${marker.conversations} (or --quick) to measure it`,
    );
  return marker;
}
