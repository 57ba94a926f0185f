import { Emitter as RedisEmitter } from '@socket.io/redis-emitter';
import { Redis } from 'ioredis';
import { publishToPostgresAdapter } from './postgres-broadcast';
import { quietPool } from './quiet-pool';

/** One message on the Socket.IO cluster channel: a room broadcast, or sockets leaving rooms. */
export type RealtimeMessage =
  | { kind: 'emit'; rooms: string[]; event: string; payload: unknown }
  /** The sockets in `rooms` but in none of `except` leave `leave`, in every process. */
  | { kind: 'leave'; rooms: string[]; except: string[]; leave: string[] };

/** Where emitted events go: the Socket.IO adapter channel every api process listens on. */
export interface RealtimeTransport {
  /**
   * Publishes the messages in order, in as few round trips as the backend allows (one for a batch of small ones):
   * every process applies them in this order.
   */
  publish(messages: RealtimeMessage[]): Promise<void>;
  close(): Promise<void>;
}

/** Socket.IO's Redis adapter key (the api's adapter and this emitter must agree). */
export const REDIS_ADAPTER_KEY = 'switchboard_io';

/**
 * The adapter's emitter for the configured backend: Redis when the queue runs on Redis, else PostgreSQL. The same
 * path serves the api and the worker, so an event reaches every api process whichever process emitted it.
 */
export function createRealtimeTransport(
  backend: { redisUrl: string; databaseUrl: string },
  warn: (message: string) => void,
): RealtimeTransport {
  if (backend.redisUrl) {
    const redis = new Redis(backend.redisUrl, { maxRetriesPerRequest: null });
    redis.on('error', (e: Error) => warn(`realtime redis connection: ${e.message}`));
    // The emitter publishes without returning the promise: a failed publish (Redis gone, or closed at shutdown) would
    // be an unhandled rejection. It calls publish synchronously inside emit, so each promise is kept and awaited.
    // ioredis sends the commands of one tick on its one connection in order (a pipeline, no round trip each).
    let published: Promise<unknown>[] = [];
    const publisher = {
      publish: (channel: string, message: string | Buffer) => published.push(redis.publish(channel, message)),
    };
    const emitter = new RedisEmitter(publisher, { key: REDIS_ADAPTER_KEY });
    let ended: Promise<void> | undefined;
    return {
      publish: async (messages) => {
        for (const m of messages)
          if (m.kind === 'emit') emitter.to(m.rooms).emit(m.event, m.payload);
          else emitter.in(m.rooms).except(m.except).socketsLeave(m.leave);
        const sent = published;
        published = [];
        await Promise.all(sent);
      },
      close: () => (ended ??= redis.quit().then(() => undefined)),
    };
  }
  const pool = quietPool(backend.databaseUrl, 2, warn);
  let ended: Promise<void> | undefined;
  return {
    publish: (messages) => publishToPostgresAdapter(pool, messages),
    // Idempotent: an application closed twice (shutdown hook and explicit close) ends the pool once.
    close: () => (ended ??= pool.end()),
  };
}
