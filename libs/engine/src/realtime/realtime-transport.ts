import { Emitter as RedisEmitter } from '@socket.io/redis-emitter';
import { Redis } from 'ioredis';
import { publishLeaveToPostgresAdapter, publishToPostgresAdapter } from './postgres-broadcast';
import { quietPool } from './quiet-pool';

/** Where emitted events go: the Socket.IO adapter channel every api process listens on. */
export interface RealtimeTransport {
  emit(rooms: string[], event: string, payload: unknown): Promise<void>;
  /** Makes the sockets in `rooms` but in none of `except` leave `leave`, in every process. */
  leave(rooms: string[], except: string[], leave: string[]): Promise<void>;
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
    // be an unhandled rejection. It calls publish synchronously inside emit, so the promise is caught here and awaited.
    let published: Promise<unknown> = Promise.resolve();
    const publisher = {
      publish: (channel: string, message: string | Buffer) => (published = redis.publish(channel, message)),
    };
    const emitter = new RedisEmitter(publisher, { key: REDIS_ADAPTER_KEY });
    let ended: Promise<void> | undefined;
    return {
      emit: async (rooms, event, payload) => {
        emitter.to(rooms).emit(event, payload);
        await published;
      },
      leave: async (rooms, except, leave) => {
        emitter.in(rooms).except(except).socketsLeave(leave);
        await published;
      },
      close: () => (ended ??= redis.quit().then(() => undefined)),
    };
  }
  const pool = quietPool(backend.databaseUrl, 2, warn);
  let ended: Promise<void> | undefined;
  return {
    emit: (rooms, event, payload) => publishToPostgresAdapter(pool, rooms, event, payload),
    leave: (rooms, except, leave) => publishLeaveToPostgresAdapter(pool, rooms, except, leave),
    // Idempotent: an application closed twice (shutdown hook and explicit close) ends the pool once.
    close: () => (ended ??= pool.end()),
  };
}
