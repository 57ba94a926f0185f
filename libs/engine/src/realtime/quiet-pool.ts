import { Pool } from 'pg';

/**
 * A small pool for Socket.IO's cluster traffic whose connection errors (a database restart, a failover) are
 * logged, not thrown: pg emits them on idle and on checked-out clients alike, and an `error` event nobody listens
 * to would end the process. The adapter reconnects its listener itself; publishing fails and is retried by the
 * caller's delivery.
 */
export function quietPool(connectionString: string, max: number, warn: (message: string) => void): Pool {
  const pool = new Pool({ connectionString, max });
  const report = (e: Error) => warn(`realtime database connection: ${e.message}`);
  pool.on('error', report);
  pool.on('connect', (client) => client.on('error', report));
  return pool;
}
