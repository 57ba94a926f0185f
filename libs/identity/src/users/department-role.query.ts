import { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@switchboard/engine';

/** Whether the user exists, and the role they hold in the department (null: none). Scope-free, for other libs. */
export async function departmentRoleOf(
  em: EntityManager,
  departmentId: string,
  userId: string,
): Promise<{ exists: boolean; role: string | null }> {
  const [row] = await sql<{ role: string | null }>(
    em,
    `select m.role from users u
       left join department_memberships m on m.user_id = u.id and m.department_id = ?
      where u.id = ?`,
    [departmentId, userId],
  );
  return { exists: !!row, role: row?.role ?? null };
}
