import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { sql } from '../persistence/sql';
import { RealtimeEnvelope, RealtimeEvent } from './realtime-event';
import type { RealtimeMessage, RealtimeTransport } from './realtime-transport';
import { conversationRoom, departmentRoom, userRoom } from './room-names';

export const REALTIME_TRANSPORT = Symbol('REALTIME_TRANSPORT');

/** Where an envelope comes from in the domain event stream. */
export interface StreamOrigin {
  position: string;
  occurredAt: Date;
}

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
  async emit(event: RealtimeEvent, origin?: StreamOrigin): Promise<string> {
    const cursor = origin?.position ?? `live:${await this.nextLive()}`;
    await this.transport.publish([broadcastOf(event, cursor, origin?.occurredAt ?? new Date())]);
    return cursor;
  }

  /**
   * Sends a run of stream events and room narrowings in order, as one transport publish (one round trip): what a
   * relay batch produces. Every process applies them in this order.
   */
  async publish(steps: RealtimeStep[]): Promise<void> {
    await this.transport.publish(
      steps.map((step) =>
        'narrow' in step
          ? narrowingOf(step.narrow.conversationId, step.narrow.departmentId)
          : broadcastOf(step.event, step.origin.position, step.origin.occurredAt),
      ),
    );
  }

  /**
   * Takes every socket of the cluster that is in the conversation's room but not in its department's room (so may
   * not read the department) out of the conversation's room. Sent on the same channel as events, so every process
   * applies it before any event emitted after it.
   */
  async narrowConversationRoom(conversationId: string, departmentId: string): Promise<void> {
    await this.transport.publish([narrowingOf(conversationId, departmentId)]);
  }

  private async nextLive(): Promise<string> {
    const [row] = await sql<{ n: string }>(this.em, "select nextval('realtime_cursor')::text as n", []);
    return row.n;
  }

  async onModuleDestroy(): Promise<void> {
    await this.transport.close();
  }
}

/** One step of a relayed batch: a stream event to send, or a conversation room to narrow (see narrowConversationRoom). */
export type RealtimeStep =
  | { event: RealtimeEvent; origin: StreamOrigin }
  | { narrow: { conversationId: string; departmentId: string } };

function broadcastOf(event: RealtimeEvent, cursor: string, at: Date): RealtimeMessage {
  const rooms: string[] = [];
  if (event.audience !== 'conversation') rooms.push(departmentRoom(event.departmentId));
  if (event.conversationId) rooms.push(conversationRoom(event.conversationId));
  for (const userId of event.userIds ?? []) rooms.push(userRoom(userId, event.departmentId));
  // One broadcast to all rooms: a socket in several receives the event once.
  return { kind: 'emit', rooms, event: event.type, payload: envelopeOf(event, cursor, at) };
}

function narrowingOf(conversationId: string, departmentId: string): RealtimeMessage {
  const room = conversationRoom(conversationId);
  return { kind: 'leave', rooms: [room], except: [departmentRoom(departmentId)], leave: [room] };
}

/** The envelope sockets receive and resync returns: the same fields either way. */
export function envelopeOf(event: RealtimeEvent, cursor: string, at: Date): RealtimeEnvelope {
  const envelope: RealtimeEnvelope = {
    type: event.type,
    departmentId: event.departmentId,
    data: event.data,
    cursor,
    at: at.toISOString(),
  };
  if (event.conversationId) envelope.conversationId = event.conversationId;
  return envelope;
}
