import { EntityManager } from '@mikro-orm/postgresql';
import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { CreateTeamRequest, ListTeamsQuery, TeamView } from '@switchboard/contracts';
import { DepartmentDirectory, sql, uuidv7 } from '@switchboard/engine';
import { AccessScope } from '../access/access-scope.service';
import { AuditLog } from '../audit/audit-log.service';

interface Row {
  id: string;
  department_id: string;
  name: string;
  created_at: Date;
  members: TeamView['members'] | null;
}

const SELECT = `select t.*, (select json_agg(json_build_object('id', u.id, 'name', u.name, 'email', u.email) order by u.name)
                  from team_members m join users u on u.id = m.user_id where m.team_id = t.id) as members from teams t`;

const toView = (r: Row): TeamView => ({
  id: r.id,
  departmentId: r.department_id,
  name: r.name,
  members: r.members ?? [],
  createdAt: new Date(r.created_at).toISOString(),
});

/** Teams inside departments; reads and changes are limited to the caller's departments (AccessScope). */
@Injectable()
export class TeamService {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: AccessScope,
    private readonly audit: AuditLog,
    private readonly departments: DepartmentDirectory,
  ) {}

  async list(q: ListTeamsQuery): Promise<TeamView[]> {
    const visible = this.scope.condition('teams.read', 't.department_id');
    const rows = await sql<Row>(
      this.em,
      `${SELECT} where ${visible.sql} and (?::uuid is null or t.department_id = ?::uuid) order by t.name`,
      [...visible.params, q.departmentId ?? null, q.departmentId ?? null],
    );
    return rows.map(toView);
  }

  async create(input: CreateTeamRequest): Promise<TeamView> {
    this.scope.assertIn('teams.manage', input.departmentId, `department ${input.departmentId}`);
    const id = uuidv7();
    await this.em.transactional(async (em) => {
      const [dept] = await this.departments.describe(em, [input.departmentId]);
      if (!dept) throw new NotFoundException(`department ${input.departmentId} not found`);
      const taken = await sql(em, 'select 1 from teams where department_id = ? and lower(name) = lower(?)', [
        input.departmentId,
        input.name,
      ]);
      if (taken.length) throw new ConflictException(`a team named "${input.name}" exists in this department`);
      await sql(em, 'insert into teams (id, department_id, name, created_at) values (?, ?, ?, now())', [
        id,
        input.departmentId,
        input.name,
      ]);
      await this.audit.record(
        {
          action: 'team.created',
          targetType: 'team',
          targetId: id,
          departmentId: input.departmentId,
          details: { name: input.name },
        },
        em,
      );
    });
    return this.get(id);
  }

  /** Replaces the members; each must hold a role in the team's department (or be an admin). */
  async setMembers(id: string, userIds: string[]): Promise<TeamView> {
    const team = await this.find(id, 'teams.manage');
    const unique = [...new Set(userIds)];
    await this.em.transactional(async (em) => {
      const eligible = await sql<{ id: string }>(
        em,
        `select u.id from users u where u.id = any(?::uuid[]) and u.status = 'active'
            and (u.is_admin or exists (select 1 from department_memberships m where m.user_id = u.id and m.department_id = ?))`,
        [unique, team.department_id],
      );
      const ok = new Set(eligible.map((r) => r.id));
      const refused = unique.filter((u) => !ok.has(u));
      if (refused.length)
        throw new BadRequestException(`not active members of this team's department: ${refused.join(', ')}`);
      await sql(em, 'delete from team_members where team_id = ?', [id]);
      for (const userId of unique)
        await sql(em, 'insert into team_members (id, team_id, user_id) values (?, ?, ?)', [
          uuidv7(),
          id,
          userId,
        ]);
      await this.audit.record(
        {
          action: 'team.members.changed',
          targetType: 'team',
          targetId: id,
          departmentId: team.department_id,
          details: { userIds: unique },
        },
        em,
      );
    });
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    const team = await this.find(id, 'teams.manage');
    await this.em.transactional(async (em) => {
      await sql(em, 'delete from team_members where team_id = ?', [id]);
      await sql(em, 'delete from teams where id = ?', [id]);
      await this.audit.record(
        {
          action: 'team.deleted',
          targetType: 'team',
          targetId: id,
          departmentId: team.department_id,
          details: { name: team.name },
        },
        em,
      );
    });
  }

  private async get(id: string): Promise<TeamView> {
    const rows = await sql<Row>(this.em, `${SELECT} where t.id = ?`, [id]);
    return toView(rows[0]);
  }

  /** The team, if the caller may see it (else 404); 403 when they may see but not `permission` it. */
  private async find(id: string, permission: 'teams.manage'): Promise<Row> {
    const rows = await sql<Row>(this.em, `${SELECT} where t.id = ?`, [id]);
    const team = rows[0];
    if (!team || !this.scope.actor().canIn('teams.read', team.department_id))
      throw new NotFoundException(`team ${id} not found`);
    this.scope.assertIn(permission, team.department_id, `team ${id}`);
    return team;
  }
}
