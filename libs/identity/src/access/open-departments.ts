import type { DepartmentFacts } from '@switchboard/engine';

/**
 * The departments "everywhere" covers (admins, tokens for all departments): null while no department is
 * members-only, else every department except the members-only ones the holder is not a member of.
 */
export function openDepartments(
  departments: DepartmentFacts[],
  memberOf: ReadonlySet<string>,
): string[] | null {
  if (!departments.some((d) => d.membersOnly)) return null;
  return departments.filter((d) => !d.membersOnly || memberOf.has(d.id)).map((d) => d.id);
}
