import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '@switchboard/engine';

/** A message as number health sees it. `at`: when we stored it; `metaAt`: Meta's timestamp (inbound) or acceptance. */
export interface ActivityMessage {
  id: string;
  at: Date;
  metaAt: Date | null;
}

/** An inbound message with Meta's timestamp and the webhook delivery (inbound_events row) that brought it. */
export interface InboundTiming {
  messageId: string;
  metaAt: Date;
  inboundEventId: string;
}

/** Sends that failed, grouped by Meta's error code (null: failed before Meta answered with a code). */
export interface FailedSendGroup {
  code: number | null;
  count: number;
  latestTitle: string;
  latestAt: Date;
}

/**
 * What a WhatsApp number has been doing, read from the messages conversations owns: for number health and silence
 * alarms in channels, which never read these tables themselves. The caller has checked the number is visible.
 */
@Injectable()
export class NumberActivityQuery {
  constructor(private readonly em: EntityManager) {}

  /** The newest inbound message of each number (numbers without one are absent). */
  async latestInbound(numberIds: string[]): Promise<Map<string, ActivityMessage>> {
    if (!numberIds.length) return new Map();
    const rows = await sql<{ number_id: string; id: string; created_at: Date; sent_at: Date | null }>(
      this.em,
      `select distinct on (m.number_id) m.number_id, m.id, m.created_at, m.sent_at from messages m
        where m.number_id = any(?::uuid[]) and m.direction = 'in'
        order by m.number_id, m.created_at desc, m.id desc`,
      [numberIds],
    );
    return new Map(
      rows.map((r) => [
        r.number_id,
        { id: r.id, at: new Date(r.created_at), metaAt: r.sent_at ? new Date(r.sent_at) : null },
      ]),
    );
  }

  /** The newest send Meta accepted (accepted, sent, delivered, read or played). */
  async lastSuccessfulSend(numberId: string): Promise<ActivityMessage | null> {
    const [row] = await sql<{ id: string; created_at: Date; sent_at: Date | null }>(
      this.em,
      `select id, created_at, sent_at from messages
        where number_id = ? and direction = 'out' and status in ('accepted', 'sent', 'delivered', 'read', 'played')
        order by sent_at desc nulls last, id desc limit 1`,
      [numberId],
    );
    return row
      ? { id: row.id, at: new Date(row.created_at), metaAt: row.sent_at ? new Date(row.sent_at) : null }
      : null;
  }

  /** The latest `limit` inbound messages that carry Meta's timestamp and their delivery, newest first. */
  async recentInboundTimings(numberId: string, limit: number): Promise<InboundTiming[]> {
    const rows = await sql<{ id: string; sent_at: Date; inbound_event_id: string }>(
      this.em,
      `select id, sent_at, inbound_event_id from messages
        where number_id = ? and direction = 'in' and sent_at is not null and inbound_event_id is not null
        order by created_at desc, id desc limit ?`,
      [numberId, limit],
    );
    return rows.map((r) => ({
      messageId: r.id,
      metaAt: new Date(r.sent_at),
      inboundEventId: r.inbound_event_id,
    }));
  }

  /**
   * Sends that failed since `since` (refused when sent, or reported failed by a status webhook), by Meta's error
   * code, most frequent first, with the latest failure's title.
   */
  async failedSendsSince(numberId: string, since: Date): Promise<FailedSendGroup[]> {
    const rows = await sql<{ code: number | null; count: number; latest_title: string; latest_at: Date }>(
      this.em,
      `select (error->>'code')::int as code, count(*)::int as count,
              (array_agg(coalesce(error->>'title', '') order by updated_at desc, id desc))[1] as latest_title,
              max(updated_at) as latest_at
         from messages
        where number_id = ? and direction = 'out' and status = 'failed' and updated_at >= ?
        group by 1 order by count desc, latest_at desc`,
      [numberId, since],
    );
    return rows.map((r) => ({
      code: r.code,
      count: r.count,
      latestTitle: r.latest_title,
      latestAt: new Date(r.latest_at),
    }));
  }
}
