import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter as createPostgresAdapter } from '@socket.io/postgres-adapter';
import { createAdapter as createRedisAdapter } from '@socket.io/redis-adapter';
import { POSTGRES_ADAPTER_OPTIONS, quietPool, REDIS_ADAPTER_KEY, Runtime } from '@switchboard/engine';
import { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import type { Adapter } from 'socket.io-adapter';
import { coalesceSocketWrites } from './coalesced-socket-writes';
import { socketOriginCheck } from './socket-origin';

/**
 * Socket.IO for the gateway: the configured path, same-origin handshakes, and the cluster adapter (Redis when
 * the queue runs on Redis, else PostgreSQL), so an event emitted in any process reaches sockets in every one.
 */
export class RealtimeIoAdapter extends IoAdapter {
  private readonly closers: (() => Promise<unknown>)[] = [];
  private readonly log = new Logger('RealtimeIoAdapter');

  constructor(
    app: INestApplicationContext,
    private readonly runtime: Runtime,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: Partial<ServerOptions>): Server {
    const server = super.createIOServer(port, {
      ...options,
      path: this.runtime.config.realtime.path,
      serveClient: false,
      allowRequest: socketOriginCheck(this.runtime.config.auth.oidc.publicUrl),
    }) as Server;
    server.adapter(this.clusterAdapter());
    coalesceSocketWrites(server);
    return server;
  }

  private clusterAdapter(): (nsp: Server['sockets']) => Adapter {
    const redisUrl = this.runtime.config.queue.redisUrl;
    if (redisUrl) {
      const pub = new Redis(redisUrl, { maxRetriesPerRequest: null });
      const sub = pub.duplicate();
      this.closers.push(
        () => pub.quit(),
        () => sub.quit(),
      );
      const report = (e: Error) => this.log.warn(`realtime redis connection: ${e.message}`);
      pub.on('error', report);
      sub.on('error', report);
      return createRedisAdapter(pub, sub, { key: REDIS_ADAPTER_KEY });
    }
    // Its own small pool: the adapter keeps one connection LISTENing for as long as the server runs.
    const pool = quietPool(this.runtime.databaseUrl, 3, (m) => this.log.warn(m));
    this.closers.push(() => pool.end());
    return createPostgresAdapter(pool, POSTGRES_ADAPTER_OPTIONS);
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    // Bounded: a pool whose listening connection the database already dropped never counts it as released.
    for (const close of this.closers.splice(0)) await settled(close(), 2000);
  }
}

const settled = (work: Promise<unknown>, ms: number): Promise<unknown> =>
  Promise.race([work.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, ms).unref())]);
