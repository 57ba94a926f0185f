import { Algorithm, hash } from '@node-rs/argon2';
import { createTestEnvironment, TestEnvironment } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const IP_FAILURE_LIMIT = 25;

/** CPU time (user + system, all threads of this process, which runs the api) spent while `work` runs, in ms. */
async function cpuMs<T>(work: () => Promise<T>): Promise<{ result: T; cpu: number; wall: number }> {
  const started = Date.now();
  const before = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(before);
  return { result, cpu: (used.user + used.system) / 1000, wall: Date.now() - started };
}

/** POST /api/auth/accept: the token is looked up before any password hashing, and each address has a budget. */
describe('accepting invitation and reset links', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment({
      worker: false,
      config: { auth: { ipFailureLimit: IP_FAILURE_LIMIT } },
    });
  });
  afterAll(async () => {
    await env?.close();
  });

  const accept = (token: string, password = 'a-long-enough-password-1') =>
    env.anonymous().post('/api/auth/accept').send({ token, password });

  async function invitationToken(email: string): Promise<string> {
    const made = await env.api().post('/api/users').send({ email, name: email }).expect(201);
    return (made.body.invitation as { token: string }).token;
  }

  it('an unknown token costs no password hashing (CPU measured), a good one does', async () => {
    // A good link: hashing the new password (argon2id, 19 MiB) is the bulk of the work.
    const good: number[] = [];
    for (let i = 0; i < 3; i++) {
      const token = await invitationToken(`accept-${i}@test.switchboard`);
      const { result, cpu } = await cpuMs(() => accept(token));
      expect(result.status).toBe(204);
      good.push(cpu);
    }
    const unknown: number[] = [];
    const walls: number[] = [];
    for (let i = 0; i < 20; i++) {
      const { result, cpu, wall } = await cpuMs(() => accept(`bm90LWEtbGluaw${i}`));
      expect(result.status).toBe(400);
      expect(result.body.message).toMatch(/invalid, expired or already used/);
      unknown.push(cpu);
      walls.push(wall);
    }
    // The yardstick: one argon2id hash at OWASP's baseline (m=19 MiB, t=2, p=1), the cost a password costs.
    const hashes: number[] = [];
    for (let i = 0; i < 3; i++)
      hashes.push(
        (
          await cpuMs(() =>
            hash(`yardstick-${i}`, {
              algorithm: Algorithm.Argon2id,
              memoryCost: 19456,
              timeCost: 2,
              parallelism: 1,
            }),
          )
        ).cpu,
      );
    const oneHash = Math.min(...hashes);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const report = `one hash CPU ms ${oneHash.toFixed(1)}; good link CPU ms ${good.map((x) => x.toFixed(1)).join(', ')}; unknown token CPU ms min ${Math.min(...unknown).toFixed(1)} mean ${mean(unknown).toFixed(1)}, wall ms mean ${mean(walls).toFixed(1)} max ${Math.max(...walls)}`;
    process.stdout.write(`accept timings: ${report}\n`);
    // Minimums: the process's CPU also carries unrelated work (GC, timers) that only ever adds, so the cheapest
    // request is the honest price of one. A good link pays for a hash; an unknown token costs less than one hash,
    // which it could not if it hashed the password (it would pay the lookup on top).
    expect(Math.min(...good), report).toBeGreaterThan(oneHash);
    expect(Math.min(...unknown), report).toBeLessThan(oneHash);
  });

  it('a burst of guesses from one address gets 429 once the address budget is spent, counted atomically', async () => {
    // The previous test spent 20 of the budget on unknown tokens (good links give their booking back).
    const spent = 20;
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => accept(`Z3Vlc3M${i}`)));
    const statuses = burst.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 400)).toHaveLength(IP_FAILURE_LIMIT - spent);
    expect(statuses.filter((s) => s === 429)).toHaveLength(12 - (IP_FAILURE_LIMIT - spent));
    const refused = burst.find((r) => r.status === 429)!;
    expect(refused.body.message).toMatch(/too many failed attempts/);
    // The budget is the address's: even a good link waits now, and so does signing in from it.
    const token = await invitationToken('accept-late@test.switchboard');
    await accept(token).expect(429);
    await env
      .anonymous()
      .post('/api/auth/login')
      .send({ email: env.users.viewer.email, password: env.users.viewer.password })
      .expect(429);
  });
});
