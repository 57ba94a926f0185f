import { MikroORM } from '@mikro-orm/postgresql';

/** Arbitrary constant: serialises concurrent migrators (api and worker booting together). */
const MIGRATION_LOCK = 7_301_116;

/** Applies pending committed migrations under a session advisory lock. Returns the names applied. */
export async function runMigrations(orm: MikroORM): Promise<string[]> {
  const knex = orm.em.getConnection().getKnex();
  const conn = await knex.client.acquireConnection();
  try {
    await conn.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await orm.getMigrator().up();
    return applied.map((m) => m.name);
  } finally {
    await conn.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    await knex.client.releaseConnection(conn);
  }
}
