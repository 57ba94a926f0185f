import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditEventView, ListAuditEventsQuery, Page } from '@switchboard/contracts';
import { keysetPage, readCursor, sql } from '@switchboard/engine';

interface Row {
  id: string;
  at: Date;
  actor_type: AuditEventView['actorType'];
  actor_id: string | null;
  actor_label: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  department_id: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

/** Newest first, filtered by action prefix and actor; keyset paging. */
@Injectable()
export class AuditQueryService {
  constructor(private readonly em: EntityManager) {}

  async list(q: ListAuditEventsQuery): Promise<Page<AuditEventView>> {
    const cursor = readCursor(q.cursor, 'cursor');
    const rows = await sql<Row>(
      this.em,
      `select * from audit_events
        where (?::text is null or action like ?::text || '%') and (?::uuid is null or actor_id = ?::uuid)
          and (?::timestamptz is null or (at, id) < (?::timestamptz, ?::uuid))
        order by at desc, id desc limit ?`,
      [
        q.action ?? null,
        q.action ?? null,
        q.actorId ?? null,
        q.actorId ?? null,
        cursor?.at ?? null,
        cursor?.at ?? null,
        cursor?.id ?? null,
        q.limit + 1,
      ],
    );
    const page = keysetPage(rows, q.limit, (r) => ({ at: r.at, id: r.id }));
    return {
      items: page.rows.map((r) => ({
        id: r.id,
        at: new Date(r.at).toISOString(),
        actorType: r.actor_type,
        actorId: r.actor_id,
        actorLabel: r.actor_label,
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        departmentId: r.department_id,
        ip: r.ip,
        details: r.details,
      })),
      nextCursor: page.nextCursor,
    };
  }
}
