import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { InboundEventView, ListInboundEventsQuery, Page } from '@switchboard/contracts';
import { keysetPage, readCursor, sql } from '@switchboard/engine';
import { AccessScope, ScopeCondition } from '@switchboard/identity';

interface Row {
  id: string;
  received_at: Date;
  status: InboundEventView['status'];
  attempts: number;
  item_count: number | null;
  failures: InboundEventView['failures'] | null;
  last_error: string | null;
  processed_at: Date | null;
  signed_with_previous_secret: boolean;
  unhandled: InboundEventView['unhandled'] | null;
  raw_body?: string;
}

type EventPermission = 'inbound_events.read' | 'inbound_events.replay';

/**
 * What intake did with each webhook delivery: the operator's view of "did Meta's message arrive?". A delivery
 * belongs to the departments of the numbers it names (numbers of the app whose secret signed it): an actor sees it
 * when every number it names is in the actor's departments. One naming no such number (not JSON, an unknown number,
 * a number of another app) belongs to no department and is seen only by unscoped actors (admins, all-department
 * tokens). Members-only departments (HR) stay out of "every department", as everywhere else.
 * Which numbers a delivery names is stored on it when it is processed (resolved as processing saw the registry);
 * only deliveries not processed yet are read from their raw body.
 */
@Injectable()
export class InboundEventQueryService {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: AccessScope,
  ) {}

  private visible(permission: EventPermission): ScopeCondition {
    const actor = this.scope.actor();
    const departments = actor.departmentsWith(permission);
    if (departments === 'all') return { sql: 'true', params: [] };
    const unowned = actor.holdsEverywhere(permission);
    // Numbers of the actor's departments: a processed delivery is visible when every number it names is one.
    const mine = `array(select n.id from whatsapp_numbers n where n.department_id = any(?::uuid[]))`;
    // Processed: the numbers stored on the delivery (GIN-indexed). `&&` also makes "names at least one" explicit,
    // and lets the index find the few deliveries of a quiet department.
    const resolved = unowned
      ? { sql: `e.number_ids <@ ${mine}`, params: [departments] }
      : {
          sql: `(e.number_ids && ${mine} and e.number_ids <@ ${mine} and not e.names_unowned_number)`,
          params: [departments, departments],
        };
    // Not processed yet (pending, or parked after failed attempts; few, and indexed): read from the raw body.
    return {
      sql: `(${resolved.sql} or (e.number_ids is null and
              (select coalesce(bool_and(case when n.id is null then ?::boolean else n.department_id = any(?::uuid[]) end), ?::boolean)
                 from unnest(switchboard_webhook_phone_number_ids(e.raw_body)) p(phone_number_id)
                 left join whatsapp_numbers n
                   on n.phone_number_id = p.phone_number_id
                  and (e.secret_fingerprint = n.app_secret_fingerprint
                       or (e.secret_fingerprint = n.previous_app_secret_fingerprint
                           and e.received_at < n.previous_app_secret_until)))))`,
      params: [...resolved.params, unowned, departments, unowned],
    };
  }

  async list(q: ListInboundEventsQuery): Promise<Page<InboundEventView>> {
    const cursor = readCursor(q.before, 'before');
    const visible = this.visible('inbound_events.read');
    const rows = await sql<Row>(
      this.em,
      `select id, received_at, status, attempts, item_count, failures, last_error, processed_at, signed_with_previous_secret, unhandled from inbound_events e
        where (?::text is null or status = ?::text)
          and (?::timestamptz is null or (received_at, id) < (?::timestamptz, ?::uuid))
          and ${visible.sql}
        order by received_at desc, id desc limit ?`,
      [
        q.status ?? null,
        q.status ?? null,
        cursor?.at ?? null,
        cursor?.at ?? null,
        cursor?.id ?? null,
        ...visible.params,
        q.limit + 1,
      ],
    );
    const page = keysetPage(rows, q.limit, (r) => ({ at: r.received_at, id: r.id }));
    return { items: page.rows.map(toView), nextCursor: page.nextCursor };
  }

  /** One delivery with its raw body; null when it does not exist or the actor may not see it (the same 404). */
  async get(
    id: string,
    permission: EventPermission = 'inbound_events.read',
  ): Promise<InboundEventView | null> {
    const visible = this.visible(permission);
    const rows = await sql<Row>(this.em, `select * from inbound_events e where id = ? and ${visible.sql}`, [
      id,
      ...visible.params,
    ]);
    return rows[0] ? { ...toView(rows[0]), rawBody: rows[0].raw_body } : null;
  }

  /** Puts the event back in the queue's hands; true when it existed for the actor. Processing is idempotent. */
  async markForReplay(id: string): Promise<boolean> {
    const visible = this.visible('inbound_events.replay');
    const rows = await sql<{ id: string }>(
      this.em,
      `update inbound_events e set status = 'pending', last_error = null, claimed_at = null
        where id = ? and ${visible.sql} returning id`,
      [id, ...visible.params],
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
    signedWithPreviousSecret: r.signed_with_previous_secret,
    unhandled: r.unhandled ?? [],
  };
}
