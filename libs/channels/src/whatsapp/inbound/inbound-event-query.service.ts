import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { InboundEventView, ListInboundEventsQuery, Page } from '@switchboard/contracts';
import { keysetPage, readCursor, sql } from '@switchboard/engine';

interface Row {
  id: string;
  received_at: Date;
  status: InboundEventView['status'];
  attempts: number;
  item_count: number | null;
  failures: InboundEventView['failures'] | null;
  last_error: string | null;
  processed_at: Date | null;
  raw_body?: string;
}

/** What intake did with each webhook delivery: the operator's view of "did Meta's message arrive?". */
@Injectable()
export class InboundEventQueryService {
  constructor(private readonly em: EntityManager) {}

  async list(q: ListInboundEventsQuery): Promise<Page<InboundEventView>> {
    const cursor = readCursor(q.before, 'before');
    const rows = await sql<Row>(
      this.em,
      `select id, received_at, status, attempts, item_count, failures, last_error, processed_at from inbound_events
        where (?::text is null or status = ?::text)
          and (?::timestamptz is null or (received_at, id) < (?::timestamptz, ?::uuid))
        order by received_at desc, id desc limit ?`,
      [
        q.status ?? null,
        q.status ?? null,
        cursor?.at ?? null,
        cursor?.at ?? null,
        cursor?.id ?? null,
        q.limit + 1,
      ],
    );
    const page = keysetPage(rows, q.limit, (r) => ({ at: r.received_at, id: r.id }));
    return { items: page.rows.map(toView), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<InboundEventView | null> {
    const rows = await sql<Row>(this.em, 'select * from inbound_events where id = ?', [id]);
    return rows[0] ? { ...toView(rows[0]), rawBody: rows[0].raw_body } : null;
  }

  /** Puts the event back in the queue's hands; true when it existed. Processing is idempotent. */
  async markForReplay(id: string): Promise<boolean> {
    const rows = await sql<{ id: string }>(
      this.em,
      `update inbound_events set status = 'pending', last_error = null, claimed_at = null where id = ? returning id`,
      [id],
    );
    return rows.length > 0;
  }
}

function toView(r: Row): InboundEventView {
  return {
    id: r.id,
    receivedAt: new Date(r.received_at).toISOString(),
    status: r.status,
    attempts: r.attempts,
    itemCount: r.item_count,
    failures: r.failures ?? [],
    lastError: r.last_error,
    processedAt: r.processed_at ? new Date(r.processed_at).toISOString() : null,
  };
}
