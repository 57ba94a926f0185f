import { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs `work` under an explicit SQL savepoint in the caller's transaction: on error only the work is undone and
 * the transaction stays usable. (A nested em.transactional() joins the outer transaction instead.)
 */
export async function withSavepoint<T>(em: EntityManager, work: () => Promise<T>): Promise<T> {
  await em.execute('savepoint item', [], 'run');
  try {
    const result = await work();
    await em.execute('release savepoint item', [], 'run');
    return result;
  } catch (e) {
    await em.execute('rollback to savepoint item', [], 'run');
    throw e;
  }
}
