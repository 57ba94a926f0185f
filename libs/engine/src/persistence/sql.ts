import { EntityManager } from '@mikro-orm/postgresql';

interface RawResult<T> {
  rows: T[];
}
interface RawRunner {
  raw<T>(sql: string, bindings: readonly unknown[]): PromiseLike<RawResult<T>>;
}

/**
 * Runs `text` (with `?` placeholders) in `em`'s transaction, or on the pool when there is none, as a
 * server-side parameterised query: values travel as bind parameters and are never formatted into the SQL
 * text (em.execute() formats them in, which is slow for large values and cannot carry every byte).
 */
export async function sql<T = Record<string, unknown>>(
  em: EntityManager,
  text: string,
  params: readonly unknown[] = [],
): Promise<T[]> {
  const runner = (em.getTransactionContext() ?? em.getConnection().getKnex()) as unknown as RawRunner;
  return (await runner.raw<T>(text, params)).rows;
}
