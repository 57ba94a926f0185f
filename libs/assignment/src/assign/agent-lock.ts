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
