import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '@switchboard/engine';

const key = (departmentId: string, userId: string) => `${departmentId}:${userId}`;

/**
 * assignment_agent_marks: when each agent was last given a conversation in a department (least-loaded breaks ties
 * with it) and whether they were on shift at the last tick (so a shift's start and end are each seen once).
 */
@Injectable()
export class AgentMarksRepository {
  async lastAssigned(em: EntityManager, departmentId: string, userIds: string[]): Promise<Map<string, Date>> {
    const rows = await sql<{ user_id: string; last_assigned_at: Date }>(
      em,
      `select user_id, last_assigned_at from assignment_agent_marks
        where department_id = ? and user_id = any(?::uuid[]) and last_assigned_at is not null`,
      [departmentId, userIds],
    );
    return new Map(rows.map((r) => [r.user_id, new Date(r.last_assigned_at)]));
  }

  async markAssigned(em: EntityManager, departmentId: string, at: Map<string, Date>): Promise<void> {
    if (!at.size) return;
    await sql(
      em,
      `insert into assignment_agent_marks (department_id, user_id, last_assigned_at)
       select ?, u, a from unnest(?::uuid[], ?::timestamptz[]) as x(u, a)
       on conflict (department_id, user_id) do update set last_assigned_at = excluded.last_assigned_at`,
      [departmentId, [...at.keys()], [...at.values()]],
    );
  }

  /** Whether each agent was on shift at the last tick, keyed `departmentId:userId`. */
  async shifts(em: EntityManager): Promise<Map<string, boolean>> {
    const rows = await sql<{ department_id: string; user_id: string; on_shift: boolean }>(
      em,
      'select department_id, user_id, on_shift from assignment_agent_marks where on_shift is not null',
    );
    return new Map(rows.map((r) => [key(r.department_id, r.user_id), r.on_shift]));
  }

  async saveShifts(
    em: EntityManager,
    marks: { departmentId: string; userId: string; onShift: boolean }[],
  ): Promise<void> {
    if (!marks.length) return;
    await sql(
      em,
      `insert into assignment_agent_marks (department_id, user_id, on_shift)
       select d, u, s from unnest(?::uuid[], ?::uuid[], ?::boolean[]) as x(d, u, s)
       on conflict (department_id, user_id) do update set on_shift = excluded.on_shift`,
      [marks.map((m) => m.departmentId), marks.map((m) => m.userId), marks.map((m) => m.onShift)],
    );
  }
}

export { key as agentKey };
