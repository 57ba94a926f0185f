/**
 * SLA deadlines at scale (issue 13, a): `npm run bench:sla` (`-- --quick`: 1,000 and 10,000 conversations, one
 * minute each; `--sizes=10000,100000`, `--minutes=3` override; `--no-docs` writes no docs). For each size in turn:
 * a fresh database, the built api and worker as separate processes, an SLA policy created over HTTP, N open
 * conversations with running first-response clocks whose breach deadlines are spread evenly over the hour after the
 * base instant (seed.ts). Measures one idle minute before the first deadline (CPU with nothing due), then
 * `--minutes` of deadlines falling due: how late each breach was flagged (breach-sampler.ts), breaches per minute,
 * and CPU per minute and per breach of the worker, the api and the database's backends. Only this benchmark's
 * section of docs/benchmarks.md is rewritten.
 */
import 'reflect-metadata';
import { createTestDatabase } from '@switchboard/testing';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Client } from 'pg';
import { request } from 'undici';
import { cpuSnapshot, CpuGroups } from '../ingest/cpu-usage';
import { AppProcesses, dist, startApp } from '../harness/app-processes';
import { runMain } from '../harness/run-main';
import { percentiles } from '../realtime/percentiles';
import { writeSection } from '../report-section';
import { BreachSampler } from './breach-sampler';
import { SECTION_HEADING, sectionText, SizeRun } from './report';
import {
  ADMIN_EMAIL,
  BREACH_MINUTES,
  PASSWORD,
  seedConversations,
  seedInstallation,
  SPREAD_MS,
  WARNING_MINUTES,
} from './seed';

const argv = process.argv.join(' ');
const quick = process.argv.includes('--quick');
/** `--no-docs`: a development run that leaves docs/benchmarks.md as it is. */
const NO_DOCS = process.argv.includes('--no-docs');
const SIZES = (/--sizes=([\d,]+)/.exec(argv)?.[1] ?? (quick ? '1000,10000' : '10000,100000'))
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const MINUTES = Number(/--minutes=(\d+)/.exec(argv)?.[1] ?? (quick ? 1 : 3));
const IDLE_MS = 60_000;
/** How long after the last deadline of the window a breach may still be flagged and counted. */
const GRACE_MS = 6_000;
const TARGET_MS = 5_000;
const log = (line: string) => process.stdout.write(`${line}\n`);
/** Load average, and the share of the last minute some task waited for a CPU (Linux pressure stall information). */
const load = () => {
  const average = loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
  let pressure = '';
  try {
    const some = /avg60=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'))?.[1];
    if (some) pressure = `, CPU pressure ${some} %`;
  } catch {
    // Not Linux, or no PSI: the load average only.
  }
  return `${average}${pressure}`;
};
let pgVersion = '';
const sleepUntil = (at: number) => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));

async function post(url: string, token: string | null, body: unknown): Promise<Record<string, unknown>> {
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await res.body.json()) as Record<string, unknown>;
  if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${JSON.stringify(json)}`);
  return json;
}

/** The first-response policy every seeded clock runs under, created as an admin would. */
async function createPolicy(url: string, departmentId: string): Promise<string> {
  const login = await post(`${url}/api/auth/login`, null, { email: ADMIN_EMAIL, password: PASSWORD });
  const policy = await post(
    `${url}/api/departments/${departmentId}/sla-policies`,
    String(login.accessToken),
    {
      key: 'bench',
      name: 'Bench first response',
      targets: { firstResponse: { warningMinutes: WARNING_MINUTES, breachMinutes: BREACH_MINUTES } },
    },
  );
  return String(policy.id);
}

/** CPU ms per process between two snapshots; the sampler's own backend is taken out of postgres. */
function used(before: CpuGroups, after: CpuGroups): CpuGroups {
  const d = (k: string) => (after[k] ?? 0) - (before[k] ?? 0);
  return { worker: d('worker'), api: d('api'), postgres: d('postgres') - d('sampler') };
}

const perMinute = (cpu: CpuGroups, ms: number): CpuGroups =>
  Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, (v * 60_000) / ms]));

async function runSize(size: number): Promise<SizeRun> {
  log(`\n=== ${size.toLocaleString('en')} open conversations (load ${load()})`);
  const loadBefore = load();
  const database = await createTestDatabase('sbsla');
  let app: AppProcesses | undefined;
  const db = new Client({ connectionString: database.url });
  const samplerDb = new Client({ connectionString: database.url });
  try {
    const departmentId = await seedInstallation(database.url, database.name);
    app = await startApp(database);
    const { url, api, worker } = app;
    const policyId = await createPolicy(url, departmentId);
    // The idle minute plus time for the last seeding steps (clocks, timers, analyze) at this size.
    const leadMs = IDLE_MS + 15_000 + Math.ceil((size / 100_000) * 45_000);
    const seedStarted = Date.now();
    const seeded = await seedConversations(database.url, departmentId, policyId, size, leadMs, log);
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    const base = seeded.base.getTime();
    await db.connect();
    await samplerDb.connect();
    pgVersion = String((await db.query('show server_version')).rows[0].server_version).split(' ')[0];
    const sampler = new BreachSampler(samplerDb);
    await sampler.start();
    const processes = () => ({ api: api.pid, worker: worker.pid, sampler: sampler.backendPid });

    // Idle: nothing due yet, every clock running.
    const idleFrom = Date.now();
    const idleTo = Math.min(idleFrom + IDLE_MS, base - 1000);
    if (idleTo - idleFrom < 20_000)
      log(`  only ${((idleTo - idleFrom) / 1000).toFixed(0)} s idle before the base`);
    const idleBefore = cpuSnapshot(processes(), database.name);
    await sleepUntil(idleTo);
    const idleCpu = used(idleBefore, cpuSnapshot(processes(), database.name));
    const idleMs = idleTo - idleFrom;
    log(
      `  idle ${(idleMs / 1000).toFixed(0)} s: ${JSON.stringify(perMinute(idleCpu, idleMs))} ms CPU per minute`,
    );

    // Deadlines falling due: CPU per minute of real time.
    await sleepUntil(base);
    const minuteSnapshots = [cpuSnapshot(processes(), database.name)];
    for (let m = 1; m <= MINUTES; m++) {
      await sleepUntil(base + m * 60_000);
      minuteSnapshots.push(cpuSnapshot(processes(), database.name));
    }
    const windowEnd = base + MINUTES * 60_000;
    await sleepUntil(windowEnd + GRACE_MS);
    await sampler.stop();

    const { rows } = await db.query<{ id: string; due_at: Date; updated_at: Date; breached_at: Date | null }>(
      `select id, due_at, updated_at, breached_at from sla_clocks where due_at >= $1 and due_at < $2`,
      [new Date(base), new Date(windowEnd)],
    );
    const flagged = rows.filter((r) => r.breached_at !== null);
    const lower = flagged.map((r) => new Date(r.updated_at).getTime() - new Date(r.due_at).getTime());
    const upper: number[] = [];
    let unseen = 0;
    for (const r of flagged) {
      const l = sampler.latencyOf(r.id, new Date(r.due_at).getTime());
      if (l === null) unseen++;
      else upper.push(l);
    }
    const perMinuteRows = minuteSnapshots.slice(1).map((after, i) => {
      const from = base + i * 60_000;
      return {
        breaches: flagged.filter((r) => {
          const due = new Date(r.due_at).getTime();
          return due >= from && due < from + 60_000;
        }).length,
        cpu: used(minuteSnapshots[i], after),
      };
    });
    const windowCpu = used(minuteSnapshots[0], minuteSnapshots[MINUTES]);
    const pending = Number(
      (await db.query(`select count(*) as n from timers where kind = 'sla.breach'`)).rows[0].n,
    );
    const result: SizeRun = {
      size,
      seedSeconds,
      seedSteps: seeded.timings,
      idleSeconds: idleMs / 1000,
      idleCpuPerMinute: perMinute(idleCpu, idleMs),
      minutes: MINUTES,
      due: rows.length,
      flagged: flagged.length,
      expectedPerMinute: size / (SPREAD_MS / 60_000),
      lowerMs: percentiles(lower),
      upperMs: percentiles(upper),
      unseen,
      sampleGapMs: percentiles(sampler.gaps()),
      samples: sampler.count(),
      cpuPerMinute: perMinute(windowCpu, MINUTES * 60_000),
      cpuPerBreach: Object.fromEntries(
        Object.entries(windowCpu).map(([k, v]) => [k, flagged.length ? v / flagged.length : NaN]),
      ),
      minutesDetail: perMinuteRows,
      timersLeft: pending,
      loadBefore,
      loadAfter: load(),
    };
    log(JSON.stringify({ ...result, minutesDetail: undefined }, null, 1));
    return result;
  } finally {
    await app?.stop();
    await samplerDb.end().catch(() => undefined);
    await db.end().catch(() => undefined);
    await database.drop();
  }
}

async function main() {
  process.env.NODE_ENV = 'bench';
  const runs: SizeRun[] = [];
  for (const size of SIZES) runs.push(await runSize(size));
  if (NO_DOCS) {
    log('--no-docs: docs/benchmarks.md left as it is');
    return;
  }
  writeSection(
    dist('docs/benchmarks.md'),
    SECTION_HEADING,
    sectionText({ quick, runs, targetMs: TARGET_MS, pgVersion: `PostgreSQL ${pgVersion}` }),
  );
  log('written the SLA section of docs/benchmarks.md');
}

runMain(main);
