import type { UserAdminService } from '@switchboard/identity';

export const DEMO_PASSWORD = 'switchboard-demo';

/** An admin, a supervisor and an agent per department, and a read-only manager; created once. */
export async function seedDemoUsers(
  users: UserAdminService,
  departments: Record<string, string>,
): Promise<{ email: string; role: string }[]> {
  const people: {
    email: string;
    name: string;
    role: string;
    isAdmin?: boolean;
    memberships: { departmentId: string; role: 'supervisor' | 'agent' | 'viewer' }[];
  }[] = [
    {
      email: 'admin@switchboard.demo',
      name: 'Alex Admin',
      role: 'admin (every department)',
      isAdmin: true,
      memberships: [],
    },
    {
      email: 'manager@switchboard.demo',
      name: 'Morgan Manager',
      role: 'viewer in every department',
      memberships: Object.values(departments).map((departmentId) => ({
        departmentId,
        role: 'viewer' as const,
      })),
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
        memberships: [{ departmentId, role: 'supervisor' }],
      },
      {
        email: `${key}.agent@switchboard.demo`,
        name: `${agent} (${key})`,
        role: `agent in ${key}`,
        memberships: [{ departmentId, role: 'agent' }],
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
