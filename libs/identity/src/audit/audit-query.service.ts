import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditEventView, ListAuditEventsQuery, Page } from '@switchboard/contracts';
import { keysetPage, readCursor, sql } from '@switchboard/engine';
import { AccessScope } from '../access/access-scope.service';

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

/**
 * The departments an event concerns: its own department, and for an event about an API token, every department the
 * token is scoped to (derived here, so rows written before tokens' events carried a department are covered too).
 */
const CONCERNED_DEPARTMENTS = `select e.department_id
  union all
  select d::uuid from api_tokens t cross join jsonb_array_elements_text(t.department_ids) d
   where e.target_type = 'api_token' and t.id = (case when e.target_type = 'api_token' then e.target_id end)::uuid`;

/**
 * Newest first, filtered by action prefix and actor; keyset paging. Events that concern a department the caller
 * does not see (a members-only one, like HR, for an admin who is not a member) are left out.
 */
@Injectable()
export class AuditQueryService {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: AccessScope,
  ) {}

  async list(q: ListAuditEventsQuery): Promise<Page<AuditEventView>> {
    const cursor = readCursor(q.cursor, 'cursor');
    const within = this.scope.conditionAll('conversations.read', CONCERNED_DEPARTMENTS);
    const rows = await sql<Row>(
      this.em,
      `select e.* from audit_events e
        where (?::text is null or action like ?::text || '%') and (?::uuid is null or actor_id = ?::uuid)
          and (?::timestamptz is null or (at, id) < (?::timestamptz, ?::uuid))
          and ${within.sql}
        order by at desc, id desc limit ?`,
      [
        q.action ?? null,
        q.action ?? null,
        q.actorId ?? null,
        q.actorId ?? null,
        cursor?.at ?? null,
        cursor?.at ?? null,
        cursor?.id ?? null,
        ...within.params,
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
