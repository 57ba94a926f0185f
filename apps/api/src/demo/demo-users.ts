import type { UserAdminService } from '@switchboard/identity';

export const DEMO_PASSWORD = 'switchboard-demo';

const ADMIN = { email: 'admin@switchboard.demo', name: 'Alex Admin' };

/** The admin first: the demo signs in as it to create its departments and numbers through the API. */
export async function seedDemoAdmin(users: UserAdminService): Promise<{ email: string; password: string }> {
  await users.ensure({ ...ADMIN, password: DEMO_PASSWORD, isAdmin: true, memberships: [] });
  return { email: ADMIN.email, password: DEMO_PASSWORD };
}

/**
 * An admin, a supervisor and an agent per department, and a read-only manager; created once. A department id is
 * null on a later start when the admin cannot see it (members-only); its people exist by then, so it is not needed.
 */
export async function seedDemoUsers(
  users: UserAdminService,
  departments: Record<string, string | null>,
): Promise<{ email: string; role: string }[]> {
  const people: {
    email: string;
    name: string;
    role: string;
    isAdmin?: boolean;
    memberships: { departmentId: string; role: 'supervisor' | 'agent' | 'viewer' }[];
  }[] = [
    {
      ...ADMIN,
      role: 'admin (every department)',
      isAdmin: true,
      memberships: [],
    },
    {
      email: 'manager@switchboard.demo',
      name: 'Morgan Manager',
      role: 'viewer in every department',
      memberships: Object.values(departments)
        .filter((departmentId) => departmentId !== null)
        .map((departmentId) => ({ departmentId, role: 'viewer' as const })),
    },
  ];
  const names: Record<string, [string, string]> = {
    sales: ['Sofia', 'Sam'],
    support: ['Paulo', 'Priya'],
    hr: ['Helena', 'Hugo'],
  };
  for (const [key, departmentId] of Object.entries(departments)) {
    const [lead, agent] = names[key] ?? ['Lead', 'Agent'];
    people.push(
      {
        email: `${key}.lead@switchboard.demo`,
        name: `${lead} (${key} lead)`,
        role: `supervisor in ${key}`,
        memberships: departmentId ? [{ departmentId, role: 'supervisor' }] : [],
      },
      {
        email: `${key}.agent@switchboard.demo`,
        name: `${agent} (${key})`,
        role: `agent in ${key}`,
        memberships: departmentId ? [{ departmentId, role: 'agent' }] : [],
      },
    );
  }
  for (const p of people)
    await users.ensure({
      email: p.email,
      name: p.name,
      password: DEMO_PASSWORD,
      isAdmin: p.isAdmin ?? false,
      memberships: p.memberships,
    });
  return people.map((p) => ({ email: p.email, role: p.role }));
}
