/**
 * SQL for the departments "everywhere" covers (admins, tokens for all departments): null while no department is
 * members-only, else every department except the members-only ones the user (`userIdSql`, may be null) is not in.
 */
export function openDepartmentsSql(userIdSql: string): string {
  return `case when exists (select 1 from departments where visibility = 'members') then
            (select coalesce(array_agg(d.id), '{}') from departments d
              where d.visibility <> 'members'
                 or exists (select 1 from department_memberships dm where dm.user_id = ${userIdSql} and dm.department_id = d.id))
          end`;
}
