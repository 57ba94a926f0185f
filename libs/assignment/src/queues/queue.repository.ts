import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { HandoverPolicy, QueueStrategy } from '@switchboard/contracts';
import { sql, uuidv7 } from '@switchboard/engine';
import { defaultQueue, QueueSettings } from './queue-settings';

interface Row {
  department_id: string;
  team_id: string | null;
  strategy: QueueStrategy;
  match_language: boolean;
  match_skills: boolean;
  when_agent_offline: HandoverPolicy;
  at_shift_end: HandoverPolicy;
  cursor_user_id: string | null;
  updated_at: Date;
}

const toSettings = (r: Row): QueueSettings => ({
  departmentId: r.department_id,
  teamId: r.team_id,
  strategy: r.strategy,
  matchLanguage: r.match_language,
  matchSkills: r.match_skills,
  whenAgentOffline: r.when_agent_offline,
  atShiftEnd: r.at_shift_end,
  cursorUserId: r.cursor_user_id,
  updatedAt: new Date(r.updated_at),
});

const NO_TEAM = '00000000-0000-0000-0000-000000000000';
const SAME_QUEUE = `department_id = ? and coalesce(team_id, '${NO_TEAM}'::uuid) = coalesce(?::uuid, '${NO_TEAM}'::uuid)`;

/** The assignment_queues table: one row per configured (or drained) queue. */
@Injectable()
export class QueueRepository {
  /** The department's configured queues (its own first, then teams by id). */
  async list(em: EntityManager, departmentId: string): Promise<QueueSettings[]> {
    const rows = await sql<Row>(
      em,
      'select * from assignment_queues where department_id = ? order by team_id nulls first',
      [departmentId],
    );
    return rows.map(toSettings);
  }

  /** The queue's settings, or the defaults when it has no row. */
  async get(em: EntityManager, departmentId: string, teamId: string | null): Promise<QueueSettings> {
    const [row] = await sql<Row>(em, `select * from assignment_queues where ${SAME_QUEUE}`, [
      departmentId,
      teamId,
    ]);
    return row ? toSettings(row) : defaultQueue(departmentId, teamId);
  }

  /**
   * The queue's row locked until `em`'s transaction ends (created with the defaults when missing): drains of one
   * queue run one at a time, so a round-robin turn is never handed out twice.
   */
  async lock(em: EntityManager, departmentId: string, teamId: string | null): Promise<QueueSettings> {
    await sql(
      em,
      `insert into assignment_queues (id, department_id, team_id) values (?, ?, ?)
       on conflict (department_id, coalesce(team_id, '${NO_TEAM}'::uuid)) do nothing`,
      [uuidv7(), departmentId, teamId],
    );
    const [row] = await sql<Row>(em, `select * from assignment_queues where ${SAME_QUEUE} for update`, [
      departmentId,
      teamId,
    ]);
    return toSettings(row);
  }

  /** Creates or replaces the queue's configuration, keeping its round-robin position. */
  async save(em: EntityManager, q: QueueSettings): Promise<QueueSettings> {
    const [row] = await sql<Row>(
      em,
      `insert into assignment_queues (id, department_id, team_id, strategy, match_language, match_skills,
              when_agent_offline, at_shift_end, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, now())
       on conflict (department_id, coalesce(team_id, '${NO_TEAM}'::uuid)) do update set
              strategy = excluded.strategy, match_language = excluded.match_language,
              match_skills = excluded.match_skills, when_agent_offline = excluded.when_agent_offline,
              at_shift_end = excluded.at_shift_end, updated_at = now()
       returning *`,
      [
        uuidv7(),
        q.departmentId,
        q.teamId,
        q.strategy,
        q.matchLanguage,
        q.matchSkills,
        q.whenAgentOffline,
        q.atShiftEnd,
      ],
    );
    return toSettings(row);
  }

  async saveCursor(em: EntityManager, q: QueueSettings, cursorUserId: string): Promise<void> {
    await sql(em, `update assignment_queues set cursor_user_id = ? where ${SAME_QUEUE}`, [
      cursorUserId,
      q.departmentId,
      q.teamId,
    ]);
  }
}
