/**
 * The assignment benchmark's installation, written through the real services before the api and worker start:
 * one department with one number (the realtime benchmark's first) and its agents, every one of them online. The
 * department has no queue row, so its queue is the default one: round robin, matching language and skills (the
 * agents list neither, so every agent fits every conversation). Capacity comes from the processes' configuration.
 */
import { AgentAvailabilityService, UserAdminService } from '@switchboard/identity';
import { NUMBERS, seedNumber, withSeedContext } from '../realtime/seed';

export const NUMBER = NUMBERS[0];

export interface Seeded {
  departmentId: string;
  agentIds: string[];
}

export function seed(databaseUrl: string, prefix: string, agentCount: number): Promise<Seeded> {
  return withSeedContext(databaseUrl, prefix, async (ctx) => {
    const departmentId = await seedNumber(ctx, NUMBER);
    const users = ctx.get(UserAdminService);
    const availability = ctx.get(AgentAvailabilityService);
    const agentIds: string[] = [];
    for (let i = 0; i < agentCount; i++) {
      // No password: nobody signs in here, and hashing 200 passwords would only slow the setup.
      const user = await users.ensure({
        email: `agent${i}@bench.switchboard`,
        name: `Agent ${i}`,
        isAdmin: false,
        memberships: [{ departmentId, role: 'agent' }],
      });
      await availability.change(user.id, 'online', { source: 'self', by: user.id });
      agentIds.push(user.id);
    }
    return { departmentId, agentIds };
  });
}
