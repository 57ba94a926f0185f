/**
 * The assignment benchmark's installation, written through the real services before the api and worker start:
 * one department with one number (the realtime benchmark's first) and its agents, every one of them online. The
 * department has no queue row, so its queue is the default one: round robin, matching language and skills (the
 * agents list neither, so every agent fits every conversation). Capacity comes from the processes' configuration.
 */
import { NestFactory } from '@nestjs/core';
import { AppModule, CORE_ENTITIES } from '@switchboard/api';
import { WhatsappNumberService } from '@switchboard/channels';
import { loadConfig, prepareRuntime } from '@switchboard/engine';
import { AgentAvailabilityService, UserAdminService } from '@switchboard/identity';
import { DepartmentSetupService } from '@switchboard/pipelines';
import { NUMBERS, SECRET, WABA_ID } from '../realtime/seed';

export const NUMBER = NUMBERS[0];

export interface Seeded {
  departmentId: string;
  agentIds: string[];
}

export async function seed(databaseUrl: string, prefix: string, agentCount: number): Promise<Seeded> {
  const config = loadConfig({
    overrides: {
      database: { url: databaseUrl },
      queue: { redisUrl: '', prefix },
      plugins: { enabled: [] },
    },
  });
  const runtime = await prepareRuntime(config, { entities: CORE_ENTITIES, migrate: true });
  const ctx = await NestFactory.createApplicationContext(AppModule.forRoot(runtime, { worker: false }), {
    logger: false,
  });
  try {
    const dept = await ctx.get(DepartmentSetupService).ensure(NUMBER.department, NUMBER.department);
    await ctx.get(WhatsappNumberService).upsert({
      phoneNumberId: NUMBER.phoneNumberId,
      displayPhoneNumber: NUMBER.displayPhoneNumber,
      wabaId: WABA_ID,
      departmentId: dept.id,
      accessToken: 'bench-token',
      appSecret: SECRET,
      verifyToken: `bench-verify-${NUMBER.department}`,
    });
    const users = ctx.get(UserAdminService);
    const availability = ctx.get(AgentAvailabilityService);
    const agentIds: string[] = [];
    for (let i = 0; i < agentCount; i++) {
      // No password: nobody signs in here, and hashing 200 passwords would only slow the setup.
      const user = await users.ensure({
        email: `agent${i}@bench.switchboard`,
        name: `Agent ${i}`,
        isAdmin: false,
        memberships: [{ departmentId: dept.id, role: 'agent' }],
      });
      await availability.change(user.id, 'online', { source: 'self', by: user.id });
      agentIds.push(user.id);
    }
    return { departmentId: dept.id, agentIds };
  } finally {
    await ctx.close();
  }
}
