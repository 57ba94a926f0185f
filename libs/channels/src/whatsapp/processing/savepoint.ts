import { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@switchboard/engine';

/**
 * Runs `work` under an explicit SQL savepoint in the caller's transaction: on error only the work is undone and
 * the transaction stays usable. (A nested em.transactional() joins the outer transaction instead.)
 */
export async function withSavepoint<T>(em: EntityManager, work: () => Promise<T>): Promise<T> {
  await sql(em, 'savepoint item', []);
  try {
    const result = await work();
    await sql(em, 'release savepoint item', []);
    return result;
  } catch (e) {
    await sql(em, 'rollback to savepoint item', []);
    throw e;
  }
}
