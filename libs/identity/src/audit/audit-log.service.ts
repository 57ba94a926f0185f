import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql, uuidv7 } from '@switchboard/engine';
import { requestContext } from '../access/request-context';
import type { AuditActorType } from '../entities/audit-event.entity';

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  departmentId?: string | null;
  details?: Record<string, unknown>;
  /** Defaults to the request's actor (or anonymous). */
  actor?: { type: AuditActorType; id?: string | null; label?: string | null };
}

/** Writes the append-only audit log. Details must never carry secrets: callers pass ids and names only. */
@Injectable()
export class AuditLog {
  constructor(private readonly em: EntityManager) {}

  /** Records on `em` when given, so the entry commits (or rolls back) with the change it describes. */
  async record(entry: AuditEntry, em: EntityManager = this.em): Promise<void> {
    const current = requestContext.actor();
    const actor = entry.actor ?? {
      type: current ? current.type : ('anonymous' as const),
      id: current?.id ?? null,
      label: current?.label ?? null,
    };
    await sql(
      em,
      `insert into audit_events (id, at, actor_type, actor_id, actor_label, action, target_type, target_id, department_id, ip, details)
       values (?, clock_timestamp(), ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)`,
      [
        uuidv7(),
        actor.type,
        actor.id ?? null,
        actor.label ?? null,
        entry.action,
        entry.targetType ?? null,
        entry.targetId ?? null,
        entry.departmentId ?? null,
        requestContext.ip(),
        JSON.stringify(entry.details ?? {}),
      ],
    );
  }
}
