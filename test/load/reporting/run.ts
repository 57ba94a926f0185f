/**
 * Reporting benchmark (issue 13, b): `npm run bench:reporting` (`-- --quick`: 20,000 conversations;
 * `--conversations=`, `--calls=` override; `--no-docs` writes no docs). `--database=<name>` seeds into (or
 * measures) that database and keeps it; with `--seed-only` it stops after seeding, and `--measure-only` skips
 * seeding and measures a database seeded earlier at the same size (it fails clearly otherwise), so the long seed
 * need not run on the measuring machine's quiet minutes. Seeds 1,000,000 conversations and 10,000,000 messages (see
 * seed.ts, through test/load/harness), starts the built api alone (the harness's startApi), signs in an admin and a
 * supervisor, and times every /api/reports route over HTTP (p50/p95 over ≥ 20 calls with varied ranges and
 * departments). Only this benchmark's section of docs/benchmarks.md is rewritten.
 */
import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { request } from 'undici';
import { ApiProcess, dist, startApi } from '../harness/app-processes';
import { runMain } from '../harness/run-main';
import { percentiles } from '../realtime/percentiles';
import { writeSection } from '../report-section';
import { assertSeedable, expectSeeded, openBenchDatabase, writeSeedMarker } from './bench-database';
import { ReportingRun, RouteTiming, SECTION_HEADING, sectionText } from './report';
import {
  ADMIN_EMAIL,
  MESSAGES_PER_CONVERSATION,
  PASSWORD,
  seedData,
  seedInstallation,
  SUPERVISOR_EMAIL,
} from './seed';

const argv = process.argv.join(' ');
const quick = process.argv.includes('--quick');
const option = (name: string, fallback: number) =>
  Number(new RegExp(`--${name}=(\\d+)`).exec(argv)?.[1] ?? fallback);
const CONVERSATIONS = option('conversations', quick ? 20_000 : 1_000_000);
const CALLS = Math.max(20, option('calls', 40));
const DATABASE = /--database=(\S+)/.exec(argv)?.[1];
const measureOnly = process.argv.includes('--measure-only');
const seedOnly = process.argv.includes('--seed-only');
/** `--no-docs`: a development run that leaves docs/benchmarks.md as it is. */
const NO_DOCS = process.argv.includes('--no-docs');
const TARGET_MS = 300;
const END = new Date('2030-06-01T00:00:00Z');
const DAY_MS = 86_400_000;
const log = (line: string) => process.stdout.write(`${line}\n`);

async function signIn(url: string, email: string): Promise<string> {
  const res = await request(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const body = (await res.body.json()) as { accessToken?: string };
  if (res.statusCode !== 200 || !body.accessToken)
    throw new Error(`${email} could not sign in: ${res.statusCode}`);
  return body.accessToken;
}

/** Call i's query: a 1-, 7- or 30-day range somewhere in the year, and no department or one of the three. */
function queryFor(i: number, departments: string[], extra: Record<string, string>): string {
  const days = [1, 7, 30][i % 3];
  const offset = ((i * 37) % (365 - days)) * DAY_MS;
  const from = new Date(END.getTime() - 365 * DAY_MS + offset);
  const params = new URLSearchParams({
    from: from.toISOString(),
    to: new Date(from.getTime() + days * DAY_MS).toISOString(),
    ...extra,
  });
  const d = i % 4;
  if (d > 0) params.set('departmentId', departments[d - 1]);
  return params.toString();
}

const ROUTES: { path: string; extra: (i: number) => Record<string, string> }[] = [
  { path: 'overview', extra: () => ({}) },
  { path: 'backlog', extra: () => ({}) },
  {
    path: 'response-times',
    extra: (i) => ({ groupBy: ['agent', 'team', 'department', 'number'][Math.floor(i / 4) % 4] }),
  },
  { path: 'sla', extra: (i) => ({ groupBy: ['agent', 'team', 'department'][Math.floor(i / 4) % 3] }) },
  { path: 'volume', extra: () => ({}) },
];

async function main() {
  if ((measureOnly || seedOnly) && !DATABASE)
    throw new Error(
      '--measure-only and --seed-only need --database=<name> (the database seeded once and kept)',
    );
  if (measureOnly && seedOnly) throw new Error('--measure-only and --seed-only exclude each other');
  const database = await openBenchDatabase(DATABASE, measureOnly);
  let app: ApiProcess | undefined;
  const db = new Client({ connectionString: database.url });
  await db.connect();
  try {
    let departmentIds: string[];
    let seedSeconds: Record<string, number>;
    let seededAt: Date | null = null;
    if (measureOnly) {
      const marker = await expectSeeded(db, database.name, CONVERSATIONS);
      ({ departmentIds, seedSeconds, seededAt } = marker);
      log(`measuring database ${database.name}, seeded ${marker.seededAt.toISOString()}`);
    } else {
      if (DATABASE) await assertSeedable(db, database.name);
      log(`seeding ${CONVERSATIONS} conversations, ${CONVERSATIONS * MESSAGES_PER_CONVERSATION} messages`);
      const installation = await seedInstallation(database.url, database.name);
      seedSeconds = await seedData(database.url, installation, CONVERSATIONS, END, log);
      await writeSeedMarker(db, CONVERSATIONS, installation, seedSeconds);
      departmentIds = installation.departmentIds;
      log(`seeded database ${database.name}`);
      if (seedOnly) return;
    }
    // A database seeded before a migration gets it at start (the duration rollup's backfill reads every fact).
    app = await startApi(database, {}, 15 * 60_000);
    const url = app.url;
    const tokens = [await signIn(url, ADMIN_EMAIL), await signIn(url, SUPERVISOR_EMAIL)];
    const routes: RouteTiming[] = [];
    for (const route of ROUTES) {
      const call = async (i: number) => {
        const started = performance.now();
        const res = await request(
          `${url}/api/reports/${route.path}?${queryFor(i, departmentIds, route.extra(i))}`,
          {
            headers: { authorization: `Bearer ${tokens[i % 2]}` },
          },
        );
        await res.body.text();
        if (res.statusCode !== 200) throw new Error(`${route.path}: ${res.statusCode}`);
        return performance.now() - started;
      };
      await call(1000);
      await call(1001);
      const times: number[] = [];
      for (let i = 0; i < CALLS; i++) times.push(await call(i));
      const p = percentiles(times);
      const p95 = Float64Array.from(times).sort()[Math.ceil(0.95 * times.length) - 1];
      routes.push({ route: `GET /api/reports/${route.path}`, calls: CALLS, p50: p.p50, p95, max: p.max });
      log(
        `  ${route.path}: p50 ${p.p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${p.max.toFixed(1)} ms`,
      );
    }
    const count = async (table: string) =>
      Number((await db.query(`select count(*) as n from ${table}`)).rows[0].n);
    const rollup = (
      await db.query<{ dimension: string; n: string }>(
        'select dimension, count(*) as n from report_durations_daily group by dimension order by dimension',
      )
    ).rows.map((r) => ({ dimension: r.dimension, rows: Number(r.n) }));
    const distinct = await db.query<{ responses: string; rounded: string; resolutions: string }>(
      `select (select count(distinct business_ms) from report_responses) as responses,
              (select count(distinct bucket_ms) from report_durations_daily where kind <> 'resolution') as rounded,
              (select count(distinct resolution_ms) from report_conversations) as resolutions`,
    );
    const pgVersion = String((await db.query('show server_version')).rows[0].server_version).split(' ')[0];
    const sizeFlag = CONVERSATIONS === 1_000_000 ? '' : ` --conversations=${CONVERSATIONS}`;
    const result: ReportingRun = {
      quick,
      conversations: await count('conversations'),
      messages: await count('messages'),
      responses: await count('report_responses'),
      rollup,
      distinctDurations: {
        responses: Number(distinct.rows[0].responses),
        roundedResponses: Number(distinct.rows[0].rounded),
        resolutions: Number(distinct.rows[0].resolutions),
      },
      seedSeconds,
      routes,
      targetMs: TARGET_MS,
      load: `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')} (1, 5, 15 min)`,
      cores: cpus().length,
      pgVersion: `PostgreSQL ${pgVersion}`,
      notes: DATABASE
        ? [
            ...(seededAt
              ? [
                  `Measured with \`--measure-only\` on database \`${database.name}\`, seeded ` +
                    `${seededAt.toISOString()} (the seed time above is from that run).`,
                ]
              : []),
            // The kept database is the one to measure again: the command says which, and its size when not the default.
            `Re-measure this database: \`flock /tmp/bench.lock npm run bench:reporting -- ` +
              `--database=${database.name} --measure-only${sizeFlag}\`.`,
          ]
        : undefined,
    };
    log(JSON.stringify(result, null, 1));
    if (NO_DOCS) return;
    writeSection(dist('docs/benchmarks.md'), SECTION_HEADING, sectionText(result));
    log('written the reporting section of docs/benchmarks.md');
  } finally {
    await app?.stop();
    await db.end().catch(() => undefined);
    await database.drop();
  }
}

runMain(main);
