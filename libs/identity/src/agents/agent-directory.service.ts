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

/** An agent or supervisor of a department as assignment sees them (no access scope: the caller is the product). */
export interface AgentCandidate {
  userId: string;
  departmentId: string;
  name: string;
  role: 'supervisor' | 'agent';
  availability: AgentAvailability;
  /** null: no capacity set in this department (assignment applies its default). */
  capacity: number | null;
  skills: string[];
  languages: string[];
  /** null: no schedule, so never off shift. */
  onShiftNow: boolean | null;
  /** The department's teams the user is a member of. */
  teamIds: string[];
}

interface CandidateRow {
  user_id: string;
  department_id: string;
  name: string;
  role: 'supervisor' | 'agent';
  status: AgentAvailability | null;
  capacity: number | null;
  skills: string[] | null;
  languages: string[] | null;
  schedule: AgentSchedule | null;
  team_ids: string[] | null;
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

  /**
   * Every active agent and supervisor of the department (or, with null, of every department), ordered by user id,
   * with availability, capacity, skills, languages, team memberships and whether they are on shift now. Scope-free:
   * for assignment, which acts for the product inside its own transaction `em`.
   */
  async eligible(departmentId: string | null, em: EntityManager = this.em): Promise<AgentCandidate[]> {
    const rows = await sql<CandidateRow>(
      em,
      `select m.user_id, m.department_id, u.name, m.role, p.status, s.capacity, s.skills, s.languages, s.schedule,
              (select array_agg(t.id order by t.id) from team_members tm join teams t on t.id = tm.team_id
                where tm.user_id = m.user_id and t.department_id = m.department_id) as team_ids
         from department_memberships m
         join users u on u.id = m.user_id and u.status = 'active'
         left join agent_presence p on p.user_id = m.user_id
         left join agent_department_settings s on s.department_id = m.department_id and s.user_id = m.user_id
        where m.role in ('agent', 'supervisor') and (?::uuid is null or m.department_id = ?::uuid)
        order by m.department_id, m.user_id`,
      [departmentId, departmentId],
    );
    const now = this.clock.now();
    return rows.map((r) => ({
      userId: r.user_id,
      departmentId: r.department_id,
      name: r.name,
      role: r.role,
      availability: r.status ?? 'offline',
      capacity: r.capacity,
      skills: r.skills ?? [],
      languages: r.languages ?? [],
      onShiftNow: r.schedule ? isOnShift(r.schedule, now) : null,
      teamIds: r.team_ids ?? [],
    }));
  }

  /** The department a team belongs to, or null for an unknown team (scope-free, for assignment). */
  async teamDepartment(teamId: string, em: EntityManager = this.em): Promise<string | null> {
    const rows = await sql<{ department_id: string }>(em, 'select department_id from teams where id = ?', [
      teamId,
    ]);
    return rows[0]?.department_id ?? null;
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
