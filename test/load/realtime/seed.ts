/**
 * The realtime benchmark's installation, written through the real services before the api starts: three
 * departments with one number each (as in the ingest benchmark) and the agents, each a member of one department.
 * Agents sign in later through the real login route, so their sockets carry real access tokens.
 */
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule, CORE_ENTITIES } from '@switchboard/api';
import { WhatsappNumberService } from '@switchboard/channels';
import { loadConfig, prepareRuntime } from '@switchboard/engine';
import { UserAdminService } from '@switchboard/identity';
import { DepartmentSetupService } from '@switchboard/pipelines';
import { request } from 'undici';

export const SECRET = 'bench-app-secret';
export const WABA_ID = '230000000000001';
export const AGENT_PASSWORD = 'bench-password-123';

/** One number per department; the load goes to them in turn. */
export const NUMBERS = [
  { department: 'sales', phoneNumberId: '130000000000001', displayPhoneNumber: '15550300001' },
  { department: 'support', phoneNumberId: '130000000000002', displayPhoneNumber: '15550300002' },
  { department: 'hr', phoneNumberId: '130000000000003', displayPhoneNumber: '15550300003' },
];

export interface Seeded {
  /** Department id per entry of NUMBERS. */
  departmentIds: string[];
  /** Agent i is a member (role agent) of department i % 3. */
  agents: { email: string; departmentId: string }[];
}

type BenchNumber = (typeof NUMBERS)[number];

/** An application context on the benchmark's fresh database (migrated), closed after `work`. */
export async function withSeedContext<T>(
  databaseUrl: string,
  prefix: string,
  work: (ctx: INestApplicationContext) => Promise<T>,
): Promise<T> {
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
    return await work(ctx);
  } finally {
    await ctx.close();
  }
}

/** The number's department and the number itself, registered as an admin would; returns the department id. */
export async function seedNumber(ctx: INestApplicationContext, n: BenchNumber): Promise<string> {
  const dept = await ctx.get(DepartmentSetupService).ensure(n.department, n.department);
  await ctx.get(WhatsappNumberService).upsert({
    phoneNumberId: n.phoneNumberId,
    displayPhoneNumber: n.displayPhoneNumber,
    wabaId: WABA_ID,
    departmentId: dept.id,
    accessToken: 'bench-token',
    appSecret: SECRET,
    verifyToken: `bench-verify-${n.department}`,
  });
  return dept.id;
}

export function seed(databaseUrl: string, prefix: string, agentCount: number): Promise<Seeded> {
  return withSeedContext(databaseUrl, prefix, async (ctx) => {
    const departmentIds: string[] = [];
    for (const n of NUMBERS) departmentIds.push(await seedNumber(ctx, n));
    const users = ctx.get(UserAdminService);
    const agents = Array.from({ length: agentCount }, (_, i) => ({
      email: `agent${i}@bench.switchboard`,
      departmentId: departmentIds[i % departmentIds.length],
    }));
    for (const [i, a] of agents.entries())
      await users.ensure({
        email: a.email,
        name: `Agent ${i}`,
        password: AGENT_PASSWORD,
        isAdmin: false,
        memberships: [{ departmentId: a.departmentId, role: 'agent' }],
      });
    return { departmentIds, agents };
  });
}

/** Signs every agent in through POST /api/auth/login (a few at a time) and returns their access tokens. */
export async function signIn(apiUrl: string, emails: string[]): Promise<string[]> {
  const tokens: string[] = new Array<string>(emails.length);
  let next = 0;
  const lane = async () => {
    while (next < emails.length) {
      const i = next++;
      const res = await request(`${apiUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: emails[i], password: AGENT_PASSWORD }),
      });
      const body = (await res.body.json()) as { accessToken?: string };
      if (res.statusCode !== 200 || !body.accessToken)
        throw new Error(`${emails[i]} could not sign in: ${res.statusCode} ${JSON.stringify(body)}`);
      tokens[i] = body.accessToken;
    }
  };
  await Promise.all(Array.from({ length: 4 }, lane));
  return tokens;
}
