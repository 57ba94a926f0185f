import { EntityManager } from '@mikro-orm/postgresql';
import { PoolClient, QueryResultRow } from 'pg';

interface KnexPgClient {
  acquireConnection(): Promise<PoolClient>;
  releaseConnection(connection: PoolClient): Promise<void>;
}

/**
 * A server-side parameterised query ($1, $2…) on a pooled connection, outside any transaction. For hot paths
 * with large values (raw webhook bodies): em.execute() formats every value into the SQL text and knex then
 * re-scans it, which costs more than the insert itself for a multi-kilobyte body.
 */
export async function nativeQuery<T extends QueryResultRow>(
  em: EntityManager,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const client = em.getConnection().getKnex().client as unknown as KnexPgClient;
  const connection = await client.acquireConnection();
  try {
    return (await connection.query<T>(sql, params)).rows;
  } finally {
    await client.releaseConnection(connection);
  }
}
