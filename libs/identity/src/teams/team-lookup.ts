import { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@switchboard/engine';

export type TeamRef = {
  id: string;
  name: string;
};

/**
 * A team of the department by id, or by name (case-insensitive), or null: for other libraries (routing) that name
 * teams without reading identity's tables. Scope-free: the caller has checked access to the department.
 */
export async function teamInDepartment(
  em: EntityManager,
  departmentId: string,
  by: { id: string } | { name: string },
): Promise<TeamRef | null> {
  const [row] =
    'id' in by
      ? await sql<TeamRef>(em, 'select id, name from teams where department_id = ? and id = ?', [
          departmentId,
          by.id,
        ])
      : await sql<TeamRef>(
          em,
          'select id, name from teams where department_id = ? and lower(name) = lower(?) order by id limit 1',
          [departmentId, by.name],
        );
  return row ?? null;
}
