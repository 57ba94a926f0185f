import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AgentAvailability, AgentSchedule, AgentView } from '@switchboard/contracts';
import { Clock, sql } from '@switchboard/engine';
import { AccessScope } from '../access/access-scope.service';
import { isOnShift } from './shift-calendar';

interface Row {
  user_id: string;
  name: string;
  email: string;
  role: 'supervisor' | 'agent';
  status: AgentAvailability | null;
  changed_at: Date | null;
  capacity: number | null;
  skills: string[] | null;
  languages: string[] | null;
  schedule: AgentSchedule | null;
}

/**
 * The people who take conversations in a department (active users with the agent or supervisor role there), with
 * availability, capacity, skills, languages and whether they are on shift now by the engine clock.
 */
@Injectable()
export class AgentDirectoryService {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: AccessScope,
    private readonly clock: Clock,
  ) {}

  /** GET /api/departments/:id/agents, for the department's supervisors (and admins). */
  list(departmentId: string): Promise<AgentView[]> {
    this.scope.assertIn('agents.manage', departmentId, `department ${departmentId}`);
    return this.read(departmentId, null);
  }

  /** One agent of the department, as the list shows them (the caller checked access). */
  async one(departmentId: string, userId: string): Promise<AgentView> {
    const [agent] = await this.read(departmentId, userId);
    return agent;
  }

  private async read(departmentId: string, userId: string | null): Promise<AgentView[]> {
    const rows = await sql<Row>(
      this.em,
      `select u.id as user_id, u.name, u.email, m.role, p.status, p.changed_at,
              s.capacity, s.skills, s.languages, s.schedule
         from department_memberships m
         join users u on u.id = m.user_id and u.status = 'active'
         left join agent_presence p on p.user_id = m.user_id
         left join agent_department_settings s on s.department_id = m.department_id and s.user_id = m.user_id
        where m.department_id = ? and m.role in ('agent', 'supervisor') and (?::uuid is null or m.user_id = ?::uuid)
        order by u.name, u.id`,
      [departmentId, userId, userId],
    );
    const now = this.clock.now();
    return rows.map((r) => ({
      userId: r.user_id,
      name: r.name,
      email: r.email,
      role: r.role,
      availability:
        r.status && r.changed_at
          ? { status: r.status, since: new Date(r.changed_at).toISOString() }
          : { status: 'offline', since: null },
      capacity: r.capacity,
      skills: r.skills ?? [],
      languages: r.languages ?? [],
      schedule: r.schedule,
      onShiftNow: r.schedule ? isOnShift(r.schedule, now) : null,
    }));
  }
}
