import type { SessionUser } from '../../api/client';
import { lookups } from './dashboard-api';

/**
 * Names the report rows do not carry: departments (the picker, the backlog) and stages. Rows of response times, SLA
 * and volume name their own key (the api resolves it for whoever asks), so no admin-only lookup is needed for them.
 */
export interface Directory {
  departments: Map<string, string>;
  /** `${departmentId}:${stageKey}` → the stage's name. */
  stages: Map<string, string>;
}

export const emptyDirectory = (): Directory => ({ departments: new Map(), stages: new Map() });

export const shortId = (id: string): string => `…${id.slice(-6)}`;

export const nameIn = (names: Map<string, string>, id: string): string => names.get(id) ?? shortId(id);

/** The departments this user reads reports of: every membership, or every department for an admin. */
export async function loadDirectory(user: SessionUser): Promise<Directory> {
  const dir = emptyDirectory();
  for (const m of user.memberships) dir.departments.set(m.departmentId, m.departmentKey);
  const [pipelines, departments] = await Promise.all([
    lookups.pipelines(),
    user.isAdmin ? lookups.departments() : null,
  ]);
  for (const d of departments?.items ?? []) dir.departments.set(d.id, d.name);
  for (const p of pipelines ?? [])
    for (const s of p.stages) dir.stages.set(`${p.departmentId}:${s.key}`, s.name);
  return dir;
}

/**
 * A report row's name as the api gave it, else a short id (a key the caller may not read is not named); null: the
 * row of conversations without a key (no team, no agent).
 */
export function rowName(row: { key: string | null; name: string | null }): string | null {
  if (row.key === null) return null;
  return row.name ?? shortId(row.key);
}
