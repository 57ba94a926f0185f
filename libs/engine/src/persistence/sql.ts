import { EntityManager } from '@mikro-orm/postgresql';
import { PoolClient, QueryResultRow } from 'pg';

interface KnexPgClient {
  acquireConnection(): Promise<PoolClient>;
  releaseConnection(connection: PoolClient): Promise<unknown>;
}

/** `?` placeholders → `$1, $2…` (outside single-quoted literals). */
function positional(text: string): string {
  let n = 0;
  let quoted = false;
  let out = '';
  for (const ch of text) {
    if (ch === "'") quoted = !quoted;
    out += ch === '?' && !quoted ? `$${++n}` : ch;
  }
  return out;
}

const cache = new Map<string, string>();

/**
 * Runs `text` (with `?` placeholders) as a server-side parameterised query on `em`'s transaction connection, or
 * on a pooled one when there is none. Values travel as bind parameters: never formatted into the SQL text
 * (em.execute() does that, which is slow for large values and cannot carry every byte), and the statement goes
 * straight to the driver without knex's query building, which dominated the intake hot path.
 */
export async function sql<T extends QueryResultRow = Record<string, unknown>>(
  em: EntityManager,
  text: string,
  params: readonly unknown[] = [],
  /** Names a prepared statement: parsed and planned once per connection (for statements run per request). */
  prepareAs?: string,
): Promise<T[]> {
  const trx = em.getTransactionContext<{ client: KnexPgClient }>();
  const client = (trx?.client ?? em.getConnection().getKnex().client) as KnexPgClient;
  let query = cache.get(text);
  if (!query) {
    query = positional(text);
    if (cache.size < 1000) cache.set(text, query);
  }
  const connection = await client.acquireConnection();
  try {
    const values = params as unknown[];
    return (
      await (prepareAs
        ? connection.query<T>({ name: prepareAs, text: query, values })
        : connection.query<T>(query, values))
    ).rows;
  } finally {
    await client.releaseConnection(connection);
  }
}
