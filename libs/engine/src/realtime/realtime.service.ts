import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { sql } from '../persistence/sql';
import { RealtimeEnvelope, RealtimeEvent } from './realtime-event';
import type { RealtimeTransport } from './realtime-transport';
import { conversationRoom, departmentRoom } from './room-names';

export const REALTIME_TRANSPORT = Symbol('REALTIME_TRANSPORT');

/**
 * Pushes an event to the sockets of its department (and of its conversation), in whichever process it is called:
 * api or worker. Only rooms carry events, and sockets enter rooms only through the access scope, so an event of a
 * department never reaches a socket that may not read that department.
 */
@Injectable()
export class Realtime implements OnModuleDestroy {
  constructor(
    private readonly em: EntityManager,
    @Inject(REALTIME_TRANSPORT) private readonly transport: RealtimeTransport,
  ) {}

  /**
   * Sends the event and returns its cursor: the domain event's stream position when it comes from one (see
   * RealtimeRelay), else the next value of a cluster-wide sequence (events outside the stream, like presence).
   */
  async emit(event: RealtimeEvent, position?: string): Promise<string> {
    const cursor = position ?? `live:${await this.nextLive()}`;
    const envelope: RealtimeEnvelope = { ...event, cursor, at: new Date().toISOString() };
    const rooms = [departmentRoom(event.departmentId)];
    if (event.conversationId) rooms.push(conversationRoom(event.conversationId));
    // One emit to both rooms: a socket in both receives the event once.
    await this.transport.emit(rooms, event.type, envelope);
    return cursor;
  }

  private async nextLive(): Promise<string> {
    const [row] = await sql<{ n: string }>(this.em, "select nextval('realtime_cursor')::text as n", []);
    return row.n;
  }

  async onModuleDestroy(): Promise<void> {
    await this.transport.close();
  }
}
