import type { SessionUser } from '../../api/client';
import { lookups } from './dashboard-api';

/**
 * The department picker's names. Report rows name their own keys (the api resolves them for whoever asks: backlog
 * rows their department and stage, other rows their key), so no admin-only lookup is needed for them.
 */
export interface Directory {
  departments: Map<string, string>;
}

export const emptyDirectory = (): Directory => ({ departments: new Map() });

export const shortId = (id: string): string => `…${id.slice(-6)}`;

export const nameIn = (names: Map<string, string>, id: string): string => names.get(id) ?? shortId(id);

/** The departments this user reads reports of: every membership (named with it), or every department for an admin. */
export async function loadDirectory(user: SessionUser): Promise<Directory> {
  const dir = emptyDirectory();
  for (const m of user.memberships) dir.departments.set(m.departmentId, m.departmentName || m.departmentKey);
  const departments = user.isAdmin ? await lookups.departments() : null;
  for (const d of departments?.items ?? []) dir.departments.set(d.id, d.name);
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
