import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { ConversationPolicyRequest, ConversationPolicyView } from '@switchboard/contracts';
import { Clock, sql } from '@switchboard/engine';
import { AccessScope } from '@switchboard/identity';
import { DepartmentAdminService } from '@switchboard/pipelines';
import type { AfterClosePolicy } from '../entities/conversation-policy.entity';

export interface AfterClose {
  onCustomerMessageAfterClose: AfterClosePolicy;
  reopenWindowMinutes: number;
}

/** Today's behaviour for a department that set nothing: a customer writing after close opens a new conversation. */
export const DEFAULT_AFTER_CLOSE: AfterClose = {
  onCustomerMessageAfterClose: 'new',
  reopenWindowMinutes: 1440,
};

/** Each department's policy for a customer writing after close; read by intake once per batch. */
@Injectable()
export class ConversationPolicyService {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: AccessScope,
    private readonly departments: DepartmentAdminService,
    private readonly clock: Clock,
  ) {}

  /** The policies of these departments (the default where none is set), in one query. */
  async forDepartments(em: EntityManager, departmentIds: string[]): Promise<Map<string, AfterClose>> {
    const rows = departmentIds.length
      ? await sql<{
          department_id: string;
          on_customer_message_after_close: AfterClosePolicy;
          reopen_window_minutes: number;
        }>(
          em,
          `select department_id, on_customer_message_after_close, reopen_window_minutes from conversation_policies
            where department_id = any(?::uuid[])`,
          [departmentIds],
        )
      : [];
    const found = new Map(
      rows.map((r) => [
        r.department_id,
        {
          onCustomerMessageAfterClose: r.on_customer_message_after_close,
          reopenWindowMinutes: r.reopen_window_minutes,
        },
      ]),
    );
    return new Map(departmentIds.map((id) => [id, found.get(id) ?? DEFAULT_AFTER_CLOSE]));
  }

  async get(departmentId: string): Promise<ConversationPolicyView> {
    await this.assertManaged(departmentId);
    const [row] = await sql<{
      on_customer_message_after_close: AfterClosePolicy;
      reopen_window_minutes: number;
      updated_at: Date;
    }>(
      this.em,
      'select on_customer_message_after_close, reopen_window_minutes, updated_at from conversation_policies where department_id = ?',
      [departmentId],
    );
    return row
      ? {
          departmentId,
          onCustomerMessageAfterClose: row.on_customer_message_after_close,
          reopenWindowMinutes: row.reopen_window_minutes,
          updatedAt: new Date(row.updated_at).toISOString(),
        }
      : { departmentId, ...DEFAULT_AFTER_CLOSE, updatedAt: null };
  }

  async set(departmentId: string, body: ConversationPolicyRequest): Promise<ConversationPolicyView> {
    await this.assertManaged(departmentId);
    await sql(
      this.em,
      `insert into conversation_policies (department_id, on_customer_message_after_close, reopen_window_minutes, updated_at)
       values (?, ?, ?, ?)
       on conflict (department_id) do update set on_customer_message_after_close = excluded.on_customer_message_after_close,
         reopen_window_minutes = excluded.reopen_window_minutes, updated_at = excluded.updated_at`,
      [departmentId, body.onCustomerMessageAfterClose, body.reopenWindowMinutes, this.clock.now()],
    );
    return this.get(departmentId);
  }

  /** Supervisors of the department (agents.manage) and admins; 404 outside the actor's scope or when it is unknown. */
  private async assertManaged(departmentId: string): Promise<void> {
    this.scope.assertIn('agents.manage', departmentId, `department ${departmentId}`);
    await this.departments.get(departmentId);
  }
}
