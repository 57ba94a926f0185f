/**
 * Assignment burst benchmark (issue 12, a): `npm run bench:assignment` (`-- --quick`: 1,000 conversations over
 * 50 agents; `--conversations=`, `--agents=`, `--capacity=`, `--per-post=`, `--concurrency=` override; `--no-docs`
 * writes no docs).
 * The built api and worker on a fresh database, one department whose agents are all online, and a burst of signed
 * webhooks, each from a new customer, from the ingest benchmark's load-generator process. Every conversation goes
 * the real path: webhook → intake → routing (conversation.routed) → the assignment subscriber. Measures the time
 * from the first webhook to the last conversation assigned, read from the database, and the spread of the
 * agents' loads. Only this benchmark's section of docs/benchmarks.md is rewritten.
 */
import 'reflect-metadata';
import { createTestDatabase } from '@switchboard/testing';
import { fork } from 'node:child_process';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { AppProcesses, dist, startApp, waitUntil } from '../harness/app-processes';
import { runMain } from '../harness/run-main';
import { cpuSnapshot } from '../ingest/cpu-usage';
import type { GeneratorJob, GeneratorReport } from '../ingest/load-generator';
import { SECRET, WABA_ID } from '../realtime/seed';
import { writeSection } from '../report-section';
import { AssignmentRun, SECTION_HEADING, sectionText } from './report';
import { NUMBER, seed } from './seed';
import { sendWarmUp } from './warm-up';

const argv = process.argv.join(' ');
const quick = process.argv.includes('--quick');
/** `--no-docs`: a development run that leaves docs/benchmarks.md as it is. */
const NO_DOCS = process.argv.includes('--no-docs');
const option = (name: string, fallback: number) =>
  Number(new RegExp(`--${name}=(\\d+)`).exec(argv)?.[1] ?? fallback);
const CONVERSATIONS = option('conversations', quick ? 1000 : 10_000);
const AGENTS = option('agents', quick ? 50 : 200);
const CAPACITY = option('capacity', 60);
const PER_POST = option('per-post', 1);
const CONCURRENCY = option('concurrency', 16);
const TIMEOUT_MS = option('timeout', 900) * 1000;
const POLL_MS = 50;

function runGenerator(job: GeneratorJob): Promise<GeneratorReport> {
  return new Promise((res, rej) => {
    const child = fork(resolve(__dirname, '../ingest/load-generator.js'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (r) => res(r as GeneratorReport));
    child.once('exit', (code) => code !== 0 && rej(new Error(`generator exited with ${code}`)));
    child.send(job);
  });
}

interface Progress {
  stored: number;
  routed: number;
  assigned: number;
}

async function main() {
  const database = await createTestDatabase('sbassign');
  process.env.NODE_ENV = 'bench';
  const seeded = await seed(database.url, database.name, AGENTS);
  let app: AppProcesses | undefined;
  const db = new Client({ connectionString: database.url });
  try {
    // No agent has a capacity of their own: this is everyone's.
    app = await startApp(database, { SWITCHBOARD__ASSIGNMENT__DEFAULT_CAPACITY: String(CAPACITY) });
    const { url, api, worker } = app;
    await db.connect();

    const progress = async (): Promise<Progress> => {
      const { rows } = await db.query<Progress>(
        `select count(*)::int as stored, count(owner_user_id)::int as assigned,
                (select count(*)::int from routing_decisions where department_id = $1) as routed
           from conversations where department_id = $1`,
        [seeded.departmentId],
      );
      return rows[0];
    };
    const job: GeneratorJob = {
      url: `${url}/webhooks/whatsapp`,
      appSecret: SECRET,
      numbers: [NUMBER],
      wabaId: WABA_ID,
      messages: CONVERSATIONS,
      perPost: PER_POST,
      concurrency: CONCURRENCY,
      // Every message from its own customer: each one opens a new conversation.
      senders: CONVERSATIONS,
      runId: `as${Date.now().toString(36)}`,
    };
    // Warm-up: one conversation through the whole path before the clock starts (it proves the path works and
    // that the worker has taken the agents' online events); it stays assigned and counts in the loads.
    await sendWarmUp(job.url, SECRET, WABA_ID, NUMBER, job.runId);
    await waitUntil(
      async () => (await progress()).assigned === 1,
      60_000,
      'the warm-up conversation assigned',
      POLL_MS,
    );
    const base = await progress();

    const processes = { api: api.pid, worker: worker.pid };
    const cpuBefore = cpuSnapshot(processes, database.name);
    process.stdout.write(
      `${CONVERSATIONS} conversations over ${AGENTS} agents (capacity ${CAPACITY}), ${PER_POST} per POST\n`,
    );
    const reached: Partial<Record<keyof Progress, number>> = {};
    let generated: GeneratorReport | undefined;
    const generator = runGenerator(job).then((r) => (generated = r));
    let last: Progress = base;
    await waitUntil(
      async () => {
        last = await progress();
        const at = Date.now();
        for (const key of ['stored', 'routed', 'assigned'] as const)
          if (reached[key] === undefined && last[key] - base[key] >= CONVERSATIONS) reached[key] = at;
        return reached.assigned !== undefined;
      },
      TIMEOUT_MS,
      'every conversation assigned',
      POLL_MS,
    ).catch((e: Error) => process.stderr.write(`${e.message} (${JSON.stringify(last)})\n`));
    await generator;
    const report = generated as GeneratorReport;
    const cpuAfter = cpuSnapshot(processes, database.name);
    const firstSent = Math.min(...report.sends.map((s) => s.at));
    const lastSent = Math.max(...report.sends.map((s) => s.at));

    const loads = new Map(seeded.agentIds.map((id) => [id, 0]));
    const rows = (
      await db.query<{ owner: string; n: number }>(
        `select owner_user_id as owner, count(*)::int as n from conversations
          where department_id = $1 and status = 'open' and owner_user_id is not null group by owner_user_id`,
        [seeded.departmentId],
      )
    ).rows;
    for (const r of rows) loads.set(r.owner, r.n);
    const final = await progress();
    const cpuSeconds: Record<string, number> = {};
    for (const key of Object.keys(cpuAfter)) cpuSeconds[key] = (cpuAfter[key] - (cpuBefore[key] ?? 0)) / 1000;
    const seconds = (key: keyof Progress) =>
      reached[key] === undefined ? NaN : (reached[key]! - firstSent) / 1000;
    const pgVersion = String((await db.query('show server_version')).rows[0].server_version).split(' ')[0];
    const result: AssignmentRun = {
      quick,
      conversations: CONVERSATIONS,
      agents: AGENTS,
      capacity: CAPACITY,
      perPost: PER_POST,
      concurrency: CONCURRENCY,
      non200: report.non200,
      sendSeconds: (lastSent - firstSent) / 1000,
      storedSeconds: seconds('stored'),
      routedSeconds: seconds('routed'),
      assignedSeconds: seconds('assigned'),
      assigned: final.assigned - base.assigned,
      unassigned: final.stored - final.assigned,
      loads: [...loads.values()],
      foreignOwners: rows.filter((r) => !seeded.agentIds.includes(r.owner)).length,
      cpuSeconds,
      pgVersion: `PostgreSQL ${pgVersion}`,
    };
    process.stdout.write(`${JSON.stringify({ ...result, loads: undefined }, null, 1)}\n`);
    if (NO_DOCS) process.stdout.write('--no-docs: docs/benchmarks.md left as it is\n');
    else {
      writeSection(dist('docs/benchmarks.md'), SECTION_HEADING, sectionText(result));
      process.stdout.write('written the assignment section of docs/benchmarks.md\n');
    }
  } finally {
    await app?.stop();
    await db.end().catch(() => undefined);
    await database.drop();
  }
}

runMain(main);
