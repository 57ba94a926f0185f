import { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@switchboard/engine';

/**
 * Transaction-scoped advisory locks on an agent in a department: every claim, manual and automatic assignment to
 * the agent holds it while it counts their load and sets the owner, so their capacity is never exceeded.
 */
export async function lockAgent(em: EntityManager, departmentId: string, userId: string): Promise<void> {
  await sql(em, `select pg_advisory_xact_lock(hashtext('assignment_agent'), hashtext(? || ':' || ?))`, [
    departmentId,
    userId,
  ]);
}

/**
 * The same lock without waiting (drains and hand-overs): they already hold row locks, so waiting here could close
 * a cycle with a claim that holds the agent and waits for a conversation; a busy agent is skipped instead.
 */
export async function tryLockAgent(
  em: EntityManager,
  departmentId: string,
  userId: string,
): Promise<boolean> {
  const [row] = await sql<{ ok: boolean }>(
    em,
    `select pg_try_advisory_xact_lock(hashtext('assignment_agent'), hashtext(? || ':' || ?)) as ok`,
    [departmentId, userId],
  );
  return row.ok;
}

/**
 * tryLockAgent for several agents in one round trip (a drain locks the agents its next conversations go to at
 * once instead of one statement each); returns those locked.
 */
export async function tryLockAgents(
  em: EntityManager,
  departmentId: string,
  userIds: string[],
): Promise<Set<string>> {
  if (userIds.length === 1) return new Set((await tryLockAgent(em, departmentId, userIds[0])) ? userIds : []);
  const rows = await sql<{ user_id: string; ok: boolean }>(
    em,
    `select u as user_id, pg_try_advisory_xact_lock(hashtext('assignment_agent'), hashtext(? || ':' || u)) as ok
       from unnest(?::text[]) as u`,
    [departmentId, userIds],
  );
  return new Set(rows.filter((r) => r.ok).map((r) => r.user_id));
}
