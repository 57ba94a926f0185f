import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '@switchboard/engine';
import { AccessScope } from '@switchboard/identity';

/** A stage as reports name it: by its key within a department. */
export interface StageRef {
  departmentId: string;
  stageKey: string;
}

/** The map key of a stage's name in `StageNamesQuery.of`. */
export const stageRefKey = (s: StageRef): string => `${s.departmentId}:${s.stageKey}`;

/**
 * Stage names by department and key, for libraries above pipelines (reporting's backlog) that must not read its
 * tables. A key is named from the department's default pipeline, else from its oldest pipeline that has it (archived
 * stages included: a conversation may still sit in one). Only departments where the caller reads conversations are
 * named; unknown and unreadable ones are left out.
 */
@Injectable()
export class StageNamesQuery {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: AccessScope,
  ) {}

  /** Names keyed by `stageRefKey`. */
  async of(stages: readonly StageRef[], em: EntityManager = this.em): Promise<Map<string, string>> {
    if (!stages.length) return new Map();
    const within = this.scope.condition('conversations.read', 'p.department_id');
    const rows = await sql<{ department_id: string; key: string; name: string }>(
      em,
      `select distinct on (p.department_id, s.key) p.department_id, s.key, s.name
         from unnest(?::uuid[], ?::text[]) as v(department_id, stage_key)
         join pipelines p on p.department_id = v.department_id
         join pipeline_stages s on s.pipeline_id = p.id and s.key = v.stage_key
        where ${within.sql}
        order by p.department_id, s.key, p.is_default desc, p.created_at, p.id`,
      [stages.map((s) => s.departmentId), stages.map((s) => s.stageKey), ...within.params],
    );
    return new Map(
      rows.map((r) => [stageRefKey({ departmentId: r.department_id, stageKey: r.key }), r.name]),
    );
  }
}
