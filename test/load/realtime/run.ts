/**
 * Realtime benchmark (issue 12, b): `npm run bench:realtime` (`-- --quick` for a 10 s smoke run at a lower rate;
 * `--rate=`, `--seconds=`, `--sockets=` override). Two built api processes and a worker on a fresh database,
 * agents' sockets (signed in with real access tokens) split between the two api processes, and an open-loop
 * webhook load on api A; measures webhook → `message.created` at every socket of the message's department.
 * The results section of docs/benchmarks.md is rewritten (only this benchmark's section).
 */
import 'reflect-metadata';
import { createTestDatabase, freePort } from '@switchboard/testing';
import { ChildProcess, fork, spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { request } from 'undici';
import { cpuSnapshot } from '../ingest/cpu-usage';
import type { AgentSocketSpec, SocketAnswer, SocketCommand } from './agent-sockets';
import { generate, now, OpenLoopJob, OpenLoopReport } from './open-loop-generator';
import { percentiles } from './percentiles';
import { writeSection } from '../report-section';
import { RealtimeRun, SECTION_HEADING, sectionText } from './report';
import { NUMBERS, SECRET, seed, signIn, WABA_ID } from './seed';

const argv = process.argv.join(' ');
const quick = process.argv.includes('--quick');
const option = (name: string, fallback: number) =>
  Number(new RegExp(`--${name}=(\\d+)`).exec(argv)?.[1] ?? fallback);
const RATE = option('rate', quick ? 200 : 1000);
const SECONDS = option('seconds', quick ? 10 : 60);
const SOCKETS = option('sockets', 200);
/**
 * Seconds offered at the same rate, by the same customers, before the measured window: they create the
 * conversations and warm the processes' JIT and PostgreSQL's caches, so the window measures the steady rate the
 * issue asks for. Reported apart, not counted (`--warmup=0` measures from a cold start).
 */
const WARMUP_SECONDS = option('warmup', quick ? 0 : 10);
const LATE_MS = 10;
/** How long the events of a run may take to reach every socket after the last send before the rest counts missing. */
const SETTLE_TIMEOUT_MS = option('settle', 600) * 1000;
const dist = (p: string) => resolve(__dirname, '../../../..', p);
/** `--cpu-prof-dir=<dir>`: every process of the run writes a V8 CPU profile there, named by its role. */
const PROFILE_DIR = /--cpu-prof-dir=(\S+)/.exec(argv)?.[1];
/**
 * `--keep`: the database is kept (its name printed) for reading its statistics after the run, and its
 * pg_stat_statements entries are reset when the measured window opens, so they show the run alone.
 */
const KEEP = process.argv.includes('--keep');
/** `--no-docs`: a development run that leaves docs/benchmarks.md as it is. */
const NO_DOCS = process.argv.includes('--no-docs');
const nodeArgs = (role: string) =>
  PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${role}.cpuprofile`] : [];

/**
 * The benchmark database's transaction and row counters (pg_stat_database), with the domain event cursors' updates
 * and the index scans of domain_events (mostly delivery reads): how much work the run asked of PostgreSQL, steadier
 * than its CPU time on a shared machine. Statistics lag by up to a second (stats flush).
 */
async function databaseWork(db: Client): Promise<Record<string, number>> {
  const { rows } = await db.query<Record<string, string>>(
    `select xact_commit, xact_rollback, tup_returned, tup_fetched, tup_inserted, tup_updated, tup_deleted,
            (select n_tup_upd from pg_stat_user_tables where relname = 'domain_event_cursors') as cursor_updates,
            (select idx_scan from pg_stat_user_tables where relname = 'domain_events') as event_reads
       from pg_stat_database where datname = current_database()`,
  );
  return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string, everyMs = 100) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out: ${what}`);
}

function start(role: string, entry: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [...nodeArgs(role), dist(entry)], {
    env: { ...process.env, NODE_ENV: 'bench', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

const ready = (url: string) =>
  waitUntil(
    async () =>
      (await request(`${url}/health/ready`)
        .then((r) => r.body.text().then(() => r.statusCode))
        .catch(() => 0)) === 200,
    60_000,
    `${url} ready`,
  );

/** One command to the sockets process and its answer (a failure there is thrown here). */
function ask<T extends SocketAnswer['type']>(
  child: ChildProcess,
  command: SocketCommand,
): Promise<Extract<SocketAnswer, { type: T }>> {
  return new Promise((res, rej) => {
    child.once('message', (answer: SocketAnswer) =>
      answer.type === 'failed'
        ? rej(new Error(answer.error))
        : res(answer as Extract<SocketAnswer, { type: T }>),
    );
    child.send(command);
  });
}

function runGenerator(job: OpenLoopJob): { child: ChildProcess; report: Promise<OpenLoopReport> } {
  const child = fork(resolve(__dirname, 'open-loop-generator.js'), [], {
    execArgv: nodeArgs('generator'),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const report = new Promise<OpenLoopReport>((res, rej) => {
    child.once('message', (r) => res(r as OpenLoopReport));
    child.once('exit', (code) => code !== 0 && rej(new Error(`generator exited with ${code}`)));
  });
  child.send(job);
  return { child, report };
}

async function main() {
  const database = await createTestDatabase('sbrealtime');
  const [portA, portB] = [await freePort(), await freePort()];
  const urlA = `http://127.0.0.1:${portA}`;
  const urlB = `http://127.0.0.1:${portB}`;
  const env: Record<string, string> = {
    DATABASE_URL: database.url,
    REDIS_URL: '',
    SWITCHBOARD__QUEUE__PREFIX: database.name,
    SWITCHBOARD__PLUGINS__ENABLED: '',
    // The sockets hold their access token for the whole run; a slow machine must not see it expire mid-run.
    SWITCHBOARD__AUTH__ACCESS_TOKEN_TTL_SECONDS: '3600',
    // `--pool-max=` only for a smoke run on a database server other runs share (max_connections); the measurement
    // keeps the configured pool.
    ...(/--pool-max=\d+/.test(argv)
      ? { SWITCHBOARD__DATABASE__POOL_MAX: String(option('pool-max', 10)) }
      : {}),
  };
  process.env.NODE_ENV = 'bench';
  const seeded = await seed(database.url, database.name, SOCKETS);
  const children: ChildProcess[] = [];
  let finishing = false;
  const db = new Client({ connectionString: database.url });
  try {
    const apiA = start('api-a', 'dist/apps/api/src/main.js', { ...env, PORT: String(portA) });
    const apiB = start('api-b', 'dist/apps/api/src/main.js', { ...env, PORT: String(portB) });
    const worker = start('worker', 'dist/apps/worker/src/main.js', env);
    children.push(apiA, apiB, worker);
    for (const [name, child] of Object.entries({ 'api A': apiA, 'api B': apiB, worker }))
      child.once(
        'exit',
        (code, signal) =>
          finishing || process.stderr.write(`${name} exited (${code ?? signal}): the run is not valid\n`),
      );
    await Promise.all([ready(urlA), ready(urlB)]);
    await db.connect();

    const tokens = await signIn(
      urlA,
      seeded.agents.map((a) => a.email),
    );
    const specs: AgentSocketSpec[] = seeded.agents.map((a, i) => ({
      url: i % 2 ? urlB : urlA,
      token: tokens[i],
      departmentId: a.departmentId,
      process: i % 2 ? 'B' : 'A',
    }));
    const sockets = fork(resolve(__dirname, 'agent-sockets.js'), [], {
      execArgv: nodeArgs('sockets'),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.push(sockets);
    const connected = await ask<'connected'>(sockets, { type: 'connect', sockets: specs });
    process.stdout.write(`${SOCKETS} sockets ready in ${connected.ms} ms\n`);

    const runId = `rt${Date.now().toString(36)}`;
    const job: OpenLoopJob = {
      url: `${urlA}/webhooks/whatsapp`,
      appSecret: SECRET,
      numbers: NUMBERS,
      wabaId: WABA_ID,
      rate: RATE,
      messages: RATE * SECONDS,
      senders: 200,
      runId,
      connections: 256,
      lateMs: LATE_MS,
    };
    /**
     * One message per number, sent in this process, and waits until every socket of each department has its
     * event: before the run it proves the path works; after it, events arrive in stream order, so everything
     * sent earlier has arrived too.
     */
    const marker = async (label: string) => {
      const markerRun = `${runId}${label}`;
      const sent = await generate({ ...job, runId: markerRun, messages: NUMBERS.length, rate: 100 });
      if (sent.non200 || sent.errors) throw new Error(`marker ${label} was refused`);
      const like = `wamid.${markerRun}.%`;
      let rows: { id: string; wamid: string }[] = [];
      await waitUntil(
        async () => {
          rows = (await db.query('select id, wamid from messages where wamid like $1', [like])).rows;
          return rows.length === NUMBERS.length;
        },
        SETTLE_TIMEOUT_MS,
        `marker ${label} stored`,
      );
      const messages = rows.map((r) => ({
        messageId: r.id,
        departmentId: seeded.departmentIds[Number(r.wamid.split('.').pop()) % NUMBERS.length],
      }));
      const got = await ask<'awaited'>(sockets, { type: 'await', messages, timeoutMs: SETTLE_TIMEOUT_MS });
      if (!got.ok) process.stderr.write(`marker ${label}: ${got.waiting} deliveries never arrived\n`);
      return got.ok;
    };
    let warmup: RealtimeRun['warmup'] = null;
    if (WARMUP_SECONDS > 0) {
      const warmRun = `${runId}w`;
      process.stdout.write(
        `warming up: ${RATE * WARMUP_SECONDS} messages at ${RATE}/s for ${WARMUP_SECONDS} s\n`,
      );
      const warm = await runGenerator({ ...job, runId: warmRun, messages: RATE * WARMUP_SECONDS }).report;
      const warmLike = `wamid.${warmRun}.%`;
      let stored: { wamid: string; at: string }[] = [];
      await waitUntil(
        async () => {
          stored = (
            await db.query(
              `select m.wamid, extract(epoch from e.processed_at) * 1000 as at
                 from messages m join inbound_events e on e.id = m.inbound_event_id where m.wamid like $1`,
              [warmLike],
            )
          ).rows;
          return stored.length >= RATE * WARMUP_SECONDS;
        },
        SETTLE_TIMEOUT_MS,
        'every warm-up message stored',
        1000,
      );
      warmup = {
        seconds: WARMUP_SECONDS,
        offered: RATE * WARMUP_SECONDS,
        non200: warm.non200 + warm.errors,
        ack: percentiles(warm.ackMs),
        storedLatency: percentiles(
          stored.map((r) => Number(r.at) - warm.sentAt[Number(r.wamid.split('.').pop())]),
        ),
      };
    }
    // After the warm-up, this marker also proves its events have all arrived (events of one stream arrive in order).
    if (!(await marker('pre'))) throw new Error('the warm-up marker did not reach every socket');

    const processes = { 'api A (webhooks)': apiA.pid, 'api B': apiB.pid, worker: worker.pid };
    const generator = runGenerator(job);
    children.push(generator.child);
    const cpuOf = () => cpuSnapshot({ ...processes, 'agent sockets': sockets.pid }, database.name);
    const cpuBefore = cpuOf();
    if (KEEP)
      await db
        .query(
          `create extension if not exists pg_stat_statements;
           select pg_stat_statements_reset(0, (select oid from pg_database where datname = current_database()), 0)`,
        )
        .catch((e: Error) => process.stderr.write(`pg_stat_statements not reset: ${e.message}\n`));
    const databaseBefore = await databaseWork(db);
    const windowStart = now();
    const loadAtStart = loadavg()[0];
    process.stdout.write(`offering ${job.messages} messages at ${RATE}/s for ${SECONDS} s\n`);
    const report = await generator.report;
    const like = `wamid.${runId}.%`;
    const storedCount = async () =>
      Number(
        (await db.query('select count(*)::int as n from messages where wamid like $1', [like])).rows[0].n,
      );
    await waitUntil(
      async () => (await storedCount()) >= job.messages,
      SETTLE_TIMEOUT_MS,
      'every message stored',
      // Each look counts the run's messages (a scan): looked at once a second, it stays out of the database's
      // counters (the stored latency is each message's own processed_at, not when this saw it).
      1000,
    ).catch((e: Error) => process.stderr.write(`${e.message}\n`));
    const settled = await marker('post');
    const windowSeconds = (now() - windowStart) / 1000;
    const cpuAfter = cpuOf();
    const databaseAfter = await databaseWork(db);
    const databaseCounts: Record<string, number> = {};
    for (const key of Object.keys(databaseAfter))
      databaseCounts[key] = databaseAfter[key] - databaseBefore[key];
    const cpuSeconds: Record<string, number> = {};
    for (const key of Object.keys(cpuAfter)) cpuSeconds[key] = (cpuAfter[key] - (cpuBefore[key] ?? 0)) / 1000;
    cpuSeconds['load generator'] = report.cpuMs / 1000;

    // Matching, off the hot path: message ids (what the events carry) to the wamids sent, and when each was stored.
    const rows: { id: string; wamid: string; at: string }[] = (
      await db.query(
        `select m.id, m.wamid, extract(epoch from e.processed_at) * 1000 as at
           from messages m join inbound_events e on e.id = m.inbound_event_id where m.wamid like $1`,
        [like],
      )
    ).rows;
    const matched = rows.map((r) => {
      const n = Number(r.wamid.split('.').pop());
      return {
        messageId: r.id,
        departmentId: seeded.departmentIds[n % NUMBERS.length],
        sentAt: report.sentAt[n],
        storedAt: Number(r.at),
      };
    });
    const computed = await ask<'computed'>(sockets, {
      type: 'compute',
      messages: matched,
    });
    const deliveries = computed.result;
    // A message never stored has no id, so no event can be matched to it: all of its deliveries are missing.
    const storedWamids = new Set(rows.map((r) => r.wamid));
    for (let n = 0; n < job.messages; n++) {
      if (storedWamids.has(`wamid.${runId}.${n}`)) continue;
      const due = specs.filter((s) => s.departmentId === seeded.departmentIds[n % NUMBERS.length]).length;
      deliveries.expected += due;
      deliveries.missing += due;
    }
    const pgVersion = String((await db.query('show server_version')).rows[0].server_version).split(' ')[0];
    const result = {
      quick,
      warmup,
      rate: RATE,
      seconds: SECONDS,
      sockets: SOCKETS,
      offered: job.messages,
      sentOnTime: job.messages - report.late,
      maxLateMs: report.maxLateMs,
      lateMs: LATE_MS,
      non200: report.non200,
      errors: report.errors,
      ack: percentiles(report.ackMs),
      stored: rows.length,
      storedLatency: percentiles(matched.map((m) => m.storedAt - m.sentAt)),
      deliveries,
      cpuSeconds,
      windowSeconds,
      database: databaseCounts,
      settled,
      settleSeconds: SETTLE_TIMEOUT_MS / 1000,
      pgVersion: `PostgreSQL ${pgVersion}`,
      loadAverage: { start: loadAtStart, end: loadavg()[0] },
    };
    process.stdout.write(`${JSON.stringify(result, null, 1)}\n`);
    if (!NO_DOCS) {
      writeSection(dist('docs/benchmarks.md'), SECTION_HEADING, sectionText(result));
      process.stdout.write('written the realtime section of docs/benchmarks.md\n');
    }
  } finally {
    finishing = true;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    await db.end().catch(() => undefined);
    if (KEEP) process.stdout.write(`kept database ${database.name}\n`);
    else await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    process.stderr.write(`${e.stack}\n`);
    process.exit(1);
  },
);
