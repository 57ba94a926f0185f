import { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@switchboard/engine';
import type { RecomputeScope } from './recompute-timers';

const BEFORE_ALL = '00000000-0000-0000-0000-000000000000';

/**
 * The next conversations (by id, after `after`) with a clock the edit concerns: a live clock under the policy, or a
 * running business-hours clock of the department (paused ones take the calendar when they resume). A range of the
 * partial live-clock indexes (whose predicate the query repeats so the planner can use them).
 */
export async function recomputeCandidates(
  em: EntityManager,
  scope: RecomputeScope,
  id: string,
  after: string | null,
  limit: number,
): Promise<string[]> {
  const rows = await sql<{ conversation_id: string }>(
    em,
    scope === 'policy'
      ? `select distinct conversation_id from sla_clocks
          where policy_id = ? and state in ('running', 'paused') and conversation_id > ?
          order by conversation_id limit ?`
      : `select distinct conversation_id from sla_clocks
          where department_id = ? and state in ('running', 'paused') and state = 'running' and business_hours
            and conversation_id > ?
          order by conversation_id limit ?`,
    [id, after ?? BEFORE_ALL, limit],
  );
  return rows.map((r) => r.conversation_id);
}
