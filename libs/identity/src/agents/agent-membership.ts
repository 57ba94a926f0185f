import { EntityManager } from '@mikro-orm/postgresql';
import { BadRequestException } from '@nestjs/common';
import { sql } from '@switchboard/engine';
import type { DepartmentRole } from '../access/permissions';

/**
 * The role an active user holds in a department; 400 naming the user when they hold none (admins included: being
 * an admin is not working in a department).
 */
export async function roleInDepartment(
  em: EntityManager,
  userId: string,
  departmentId: string,
): Promise<DepartmentRole> {
  const rows = await sql<{ role: DepartmentRole }>(
    em,
    `select m.role from department_memberships m join users u on u.id = m.user_id
      where m.user_id = ? and m.department_id = ? and u.status = 'active'`,
    [userId, departmentId],
  );
  if (!rows.length)
    throw new BadRequestException(
      `user ${userId} has no role in department ${departmentId} (or is not active)`,
    );
  return rows[0].role;
}
