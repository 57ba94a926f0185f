import type { SessionUser } from '../../api/client';
import { lookups } from './dashboard-api';

/** Names for the ids reports return, from whatever this user may read; anything unknown shows as a short id. */
export interface Directory {
  departments: Map<string, string>;
  users: Map<string, string>;
  teams: Map<string, string>;
  numbers: Map<string, string>;
  /** `${departmentId}:${stageKey}` → the stage's name. */
  stages: Map<string, string>;
}

export const emptyDirectory = (): Directory => ({
  departments: new Map(),
  users: new Map(),
  teams: new Map(),
  numbers: new Map(),
  stages: new Map(),
});

export const shortId = (id: string): string => `…${id.slice(-6)}`;

export const nameIn = (names: Map<string, string>, id: string): string => names.get(id) ?? shortId(id);

/** The departments this user reads reports of: every membership, or every department for an admin. */
export async function loadDirectory(user: SessionUser): Promise<Directory> {
  const dir = emptyDirectory();
  for (const m of user.memberships) dir.departments.set(m.departmentId, m.departmentKey);
  const supervised = user.memberships.filter((m) => m.role === 'supervisor').map((m) => m.departmentId);
  const [teams, pipelines, agents, users, departments] = await Promise.all([
    lookups.teams(),
    lookups.pipelines(),
    Promise.all(supervised.map((id) => lookups.agents(id))),
    user.isAdmin ? lookups.users() : null,
    user.isAdmin ? lookups.departments() : null,
  ]);
  for (const team of teams ?? []) {
    dir.teams.set(team.id, team.name);
    for (const member of team.members) dir.users.set(member.id, member.name);
  }
  for (const agent of agents.flat()) if (agent) dir.users.set(agent.userId, agent.name);
  for (const u of users ?? []) dir.users.set(u.id, u.name);
  for (const d of departments?.items ?? []) {
    dir.departments.set(d.id, d.name);
    for (const n of d.numbers) dir.numbers.set(n.id, n.displayPhoneNumber);
  }
  for (const p of pipelines ?? [])
    for (const s of p.stages) dir.stages.set(`${p.departmentId}:${s.key}`, s.name);
  dir.users.set(user.id, user.name);
  return dir;
}

/** The name of a report row's key in its grouping; null: the row of conversations without one (no team, no agent). */
export function groupName(
  dir: Directory,
  group: 'agent' | 'team' | 'department' | 'number',
  key: string | null,
): string | null {
  if (key === null) return null;
  const names = { agent: dir.users, team: dir.teams, department: dir.departments, number: dir.numbers }[
    group
  ];
  return nameIn(names, key);
}
