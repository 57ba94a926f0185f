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

  /** Sends the event and returns its cursor. */
  async emit(event: RealtimeEvent): Promise<string> {
    const [row] = await sql<{ cursor: string }>(
      this.em,
      "select nextval('realtime_cursor')::text as cursor",
      [],
    );
    const envelope: RealtimeEnvelope = { ...event, cursor: row.cursor, at: new Date().toISOString() };
    const rooms = [departmentRoom(event.departmentId)];
    if (event.conversationId) rooms.push(conversationRoom(event.conversationId));
    // One emit to both rooms: a socket in both receives the event once.
    await this.transport.emit(rooms, event.type, envelope);
    return row.cursor;
  }

  async onModuleDestroy(): Promise<void> {
    await this.transport.close();
  }
}
