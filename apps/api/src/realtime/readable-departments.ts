import { DepartmentAdminService } from '@switchboard/pipelines';

/** Every department the current actor may read (the access scope behind the scoped department list). */
export async function readableDepartments(departments: DepartmentAdminService): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await departments.list({ limit: 200, cursor });
    ids.push(...page.items.map((d) => d.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}
