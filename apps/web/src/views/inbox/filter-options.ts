import type { PipelineView } from '@switchboard/contracts';

/** What the filter selects offer: the caller's departments, numbers and card stages. */
export interface FilterOptions {
  departments: { id: string; name: string }[];
  numbers: { id: string; name: string }[];
  stages: { key: string; name: string }[];
}

/**
 * Options from what the caller can read: departments (id to name) as their conversations name them (the departments
 * list is for admins), stages from the pipelines they see (of the chosen department, when one is), numbers from the
 * numbers list when the caller may read it (admins), else none.
 */
export function filterOptions(
  departments: ReadonlyMap<string, string>,
  pipelines: readonly PipelineView[],
  numbers: readonly { id: string; displayPhoneNumber: string; verifiedName: string | null }[],
  departmentId: string | undefined,
): FilterOptions {
  const stages = new Map<string, string>();
  for (const p of pipelines)
    if (!departmentId || p.departmentId === departmentId)
      for (const s of p.stages) if (!stages.has(s.key)) stages.set(s.key, s.name);
  return {
    departments: [...departments]
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    numbers: numbers.map((n) => ({
      id: n.id,
      name: n.verifiedName ? `${n.verifiedName} (${n.displayPhoneNumber})` : n.displayPhoneNumber,
    })),
    stages: [...stages].map(([key, name]) => ({ key, name })),
  };
}
