import { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@switchboard/engine';
import type { RecomputeScope } from './recompute-timers';

const BEFORE_ALL = '00000000-0000-0000-0000-000000000000';

const CANDIDATES: Record<RecomputeScope, string> = {
  policy: `select distinct conversation_id from sla_clocks
            where policy_id = ? and state in ('running', 'paused') and conversation_id > ?
            order by conversation_id limit ?`,
  calendar: `select distinct conversation_id from sla_clocks
              where department_id = ? and state in ('running', 'paused') and state = 'running' and business_hours
                and conversation_id > ?
              order by conversation_id limit ?`,
  // With or without a clock: a policy created or moved ahead may be the first to match one.
  department: `select conversation_id from sla_conversations
                where department_id = ? and status = 'open' and conversation_id > ?
                order by conversation_id limit ?`,
};

/**
 * The next conversations (by id, after `after`) the edit concerns: with a live clock under the policy; with a
 * running business-hours clock of the department (paused ones take the calendar when they resume); or open in the
 * department. A range of a partial index each (whose predicate the query repeats so the planner can use it).
 */
export async function recomputeCandidates(
  em: EntityManager,
  scope: RecomputeScope,
  id: string,
  after: string | null,
  limit: number,
): Promise<string[]> {
  const rows = await sql<{ conversation_id: string }>(em, CANDIDATES[scope], [
    id,
    after ?? BEFORE_ALL,
    limit,
  ]);
  return rows.map((r) => r.conversation_id);
}
