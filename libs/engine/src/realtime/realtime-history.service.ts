import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { readAfter } from '../events/domain-event-reader';
import { sql } from '../persistence/sql';
import { RealtimeEnvelope } from './realtime-event';
import { RELAYED } from './realtime-relay.subscriber';
import { envelopeOf } from './realtime.service';
import { socketEventsFor } from './socket-event-for';

/** A resync page: the envelopes after the cursor, oldest first. */
export interface RealtimeHistoryPage {
  events: RealtimeEnvelope[];
  /** Where to continue: the last stream position read (also past events the caller may not see). */
  nextCursor: string;
  more: boolean;
}

export type RealtimeHistoryResult =
  ({ ok: true } & RealtimeHistoryPage) | { ok: false; reason: 'malformed' | 'expired' };

const STREAM_CURSOR = /^(\d{1,19}):(\d{1,19})$/;
const BATCH = 500;
/** Rows one request reads at most: a caller who sees few departments gets an empty page to continue from, not a scan of the whole stream. */
const MAX_BATCHES = 4;
const relayed = new Set<string>(RELAYED);

/**
 * The socket events a client missed, read again from the domain event stream (which the engine owns) and turned
 * into the very envelopes the relay sent: same type, department, data and cursor. Only events of `departments`
 * are returned; an event is never split across pages.
 */
@Injectable()
export class RealtimeHistory {
  constructor(private readonly em: EntityManager) {}

  async after(
    cursor: string,
    limit: number,
    departments: ReadonlySet<string>,
  ): Promise<RealtimeHistoryResult> {
    const match = STREAM_CURSOR.exec(cursor);
    if (!match) return { ok: false, reason: 'malformed' };
    const em = this.em.fork();
    // The cursor names an event the client received: once pruned, what followed it may be pruned too.
    const kept = await sql(em, 'select 1 from domain_events where xid = ?::bigint and seq = ?::bigint', [
      match[1],
      match[2],
    ]);
    if (!kept.length) return { ok: false, reason: 'expired' };
    let position = { xid: match[1], seq: match[2] };
    const events: RealtimeEnvelope[] = [];
    for (let batches = 1; ; batches++) {
      const batch = await readAfter(em, position, BATCH);
      for (const event of batch.events) {
        if (events.length >= limit) return page(events, position, true);
        if (relayed.has(event.name))
          for (const socketEvent of socketEventsFor(event))
            if (departments.has(socketEvent.departmentId))
              events.push(envelopeOf(socketEvent, event.position, event.occurredAt));
        const [xid, seq] = event.position.split(':');
        position = { xid, seq };
      }
      if (batch.events.length < BATCH) return page(events, position, batch.heldBack);
      if (batches >= MAX_BATCHES) return page(events, position, true);
    }
  }
}

const page = (
  events: RealtimeEnvelope[],
  at: { xid: string; seq: string },
  more: boolean,
): RealtimeHistoryResult => ({ ok: true, events, nextCursor: `${at.xid}:${at.seq}`, more });
