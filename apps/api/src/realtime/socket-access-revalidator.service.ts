import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@switchboard/engine';
import { REVOCATION_CHANNEL, RevocationNotice } from '@switchboard/identity';
import { Client } from 'pg';
import type { Server, Socket } from 'socket.io';
import { socketAccess } from './socket-access';
import { SocketRooms } from './socket-rooms.service';

/** Sockets re-checked at the same time (each takes a few queries); see recheckWhere. */
const RECHECK_LANES = 2;

export const REALTIME_DATABASE_URL = Symbol('REALTIME_DATABASE_URL');

/**
 * Keeps this process's sockets honest: a revocation notice (PostgreSQL NOTIFY from identity, on commit) drops the
 * sockets of that user or token at once; a periodic re-check catches everything else (role changes, a missed
 * notice while the listener reconnected) and re-syncs the rooms.
 */
@Injectable()
export class SocketAccessRevalidator implements OnModuleDestroy {
  private readonly log = new Logger(SocketAccessRevalidator.name);
  private server?: Server;
  private timer?: NodeJS.Timeout;
  private listener?: Client;
  private closed = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REALTIME_DATABASE_URL) private readonly databaseUrl: string,
    private readonly rooms: SocketRooms,
  ) {}

  async watch(server: Server): Promise<void> {
    this.server = server;
    this.timer = setInterval(
      () => void this.recheckWhere(() => true),
      this.config.realtime.revalidateSeconds * 1000,
    );
    this.timer.unref();
    await this.listen();
  }

  /** Re-reads the socket's actor: gone means revoked (dropped, told why); otherwise its rooms are re-synced. */
  async recheck(socket: Socket): Promise<void> {
    const access = socketAccess(socket);
    const actor = await access.recheck();
    if (!actor) {
      socket.emit('access.revoked', {
        error: 'the session was signed out or revoked, or the account disabled',
      });
      socket.disconnect(true);
      return;
    }
    access.actor = actor;
    await this.rooms.sync(socket);
  }

  /**
   * A few sockets at a time: the periodic pass covers every socket of the process, and all of them at once took
   * most of the database pool for a moment, stalling webhooks and event delivery behind it.
   */
  private async recheckWhere(match: (socket: Socket) => boolean): Promise<void> {
    const sockets = [...(this.server?.of('/').sockets.values() ?? [])].filter(match);
    let next = 0;
    const lane = async () => {
      while (next < sockets.length) {
        const socket = sockets[next++];
        await this.recheck(socket).catch((e: unknown) =>
          this.log.warn(`socket re-check failed: ${String(e)}`),
        );
      }
    };
    await Promise.all(Array.from({ length: RECHECK_LANES }, lane));
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl });
    client.on('notification', (n) => {
      if (n.channel !== REVOCATION_CHANNEL || !n.payload) return;
      const notice = JSON.parse(n.payload) as RevocationNotice;
      void this.recheckWhere((s) => {
        const { actor } = socketAccess(s);
        // A disabled user's API tokens end too: token sockets are re-checked on every user notice.
        if ('userId' in notice) return actor.id === notice.userId || actor.type === 'api_token';
        return actor.type === 'api_token' && actor.id === notice.apiTokenId;
      });
    });
    client.on('error', (e) => {
      this.log.warn(`revocation listener lost its connection: ${e.message}`);
      this.relisten();
    });
    await client.connect();
    await client.query(`listen ${REVOCATION_CHANNEL}`);
    this.listener = client;
  }

  /** Reconnects until it works; meanwhile the periodic re-check still drops revoked sockets. */
  private relisten(): void {
    if (this.closed) return;
    setTimeout(() => {
      if (this.closed) return;
      this.listen().catch((e: unknown) => {
        this.log.warn(`revocation listener could not reconnect: ${String(e)}`);
        this.relisten();
      });
    }, 1000).unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.listener?.end().catch(() => undefined);
  }
}
