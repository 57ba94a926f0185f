import { EntityManager } from '@mikro-orm/postgresql';
import { ConflictException, Injectable } from '@nestjs/common';
import type { AgentView, UpdateAgentSettingsRequest } from '@switchboard/contracts';
import { Clock, sql, uuidv7 } from '@switchboard/engine';
import { AccessScope } from '../access/access-scope.service';
import { AuditLog } from '../audit/audit-log.service';
import { AgentDirectoryService } from './agent-directory.service';
import { roleInDepartment } from './agent-membership';

/** Capacity, skills, languages and schedule of an agent in one department, set by its supervisors; audited. */
@Injectable()
export class AgentSettingsService {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: AccessScope,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly directory: AgentDirectoryService,
  ) {}

  async update(departmentId: string, userId: string, input: UpdateAgentSettingsRequest): Promise<AgentView> {
    this.scope.assertIn('agents.manage', departmentId, `department ${departmentId}`);
    await this.em.transactional(async (em) => {
      const role = await roleInDepartment(em, userId, departmentId);
      if (role === 'viewer')
        throw new ConflictException(
          `user ${userId} is a viewer in this department: only agents and supervisors take conversations`,
        );
      await sql(
        em,
        `insert into agent_department_settings (id, user_id, department_id, skills, languages, updated_at)
         values (?, ?, ?, '{}', '{}', ?) on conflict (department_id, user_id) do nothing`,
        [uuidv7(), userId, departmentId, this.clock.now()],
      );
      // Each field is written only when given (coalesce keeps the stored value); schedule: null clears it.
      await sql(
        em,
        `update agent_department_settings
            set capacity = case when ?::boolean then ?::int else capacity end,
                skills = coalesce(?::text[], skills),
                languages = coalesce(?::text[], languages),
                schedule = case when ?::boolean then ?::jsonb else schedule end,
                updated_at = ?
          where department_id = ? and user_id = ?`,
        [
          input.capacity !== undefined,
          input.capacity ?? null,
          input.skills ?? null,
          input.languages ?? null,
          input.schedule !== undefined,
          input.schedule ? JSON.stringify(input.schedule) : null,
          this.clock.now(),
          departmentId,
          userId,
        ],
      );
      await this.audit.record(
        {
          action: 'agent.settings.changed',
          targetType: 'user',
          targetId: userId,
          departmentId,
          details: { ...input },
        },
        em,
      );
    });
    return this.directory.one(departmentId, userId);
  }
}
