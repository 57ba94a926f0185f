import { ConnectionOptions, createPostgresBackend, setDefaultBackendFactory } from 'bullmq';

export type QueueBackendKind = 'postgres' | 'redis';

export interface QueueConnection {
  kind: QueueBackendKind;
  connection: ConnectionOptions;
  prefix?: string;
}

function redisOptions(url: string): ConnectionOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
  };
}

/**
 * Picks the BullMQ backend: Redis when a URL is configured, otherwise PostgreSQL (same API, one
 * service to run). The PostgreSQL backend is installed as BullMQ's process-wide default, which is how
 * @nestjs/bullmq's Queue/Worker construction reaches it.
 */
export function configureQueueBackend(
  redisUrl: string,
  databaseUrl: string,
  schema: string,
  prefix: string,
  postgresPoolMax: number,
): QueueConnection {
  if (redisUrl) {
    setDefaultBackendFactory();
    return { kind: 'redis', connection: redisOptions(redisUrl), prefix };
  }
  setDefaultBackendFactory(createPostgresBackend);
  // BullMQ types `connection` for its Redis default; the PostgreSQL factory reads this pg pool config.
  const pgConfig = { connectionString: databaseUrl, schema, migrate: true, max: postgresPoolMax };
  return { kind: 'postgres', connection: pgConfig as unknown as ConnectionOptions };
}
