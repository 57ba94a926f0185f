/** The reporting benchmark's section of docs/benchmarks.md. */
export const SECTION_HEADING = '## Reporting queries (`test/load/reporting`)';

export interface RouteTiming {
  route: string;
  calls: number;
  p50: number;
  p95: number;
  max: number;
}

export interface ReportingRun {
  quick: boolean;
  conversations: number;
  messages: number;
  responses: number;
  /** Rows of the daily duration rollup per dimension (agent, number, team). */
  rollup: { dimension: string; rows: number }[];
  /** Distinct durations in the facts, and distinct rounded response durations in the rollup. */
  distinctDurations: { responses: number; roundedResponses: number; resolutions: number };
  seedSeconds: Record<string, number>;
  routes: RouteTiming[];
  targetMs: number;
  load: string;
  cores: number;
  pgVersion: string;
  /** Said under the table: what a run's figures need to be read with. */
  notes?: string[];
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const n = (v: number) => v.toLocaleString('en-US');

/** Why a route over the target is slow: what its calls read. */
function missed(r: ReportingRun): string {
  const over = r.routes.filter((t) => t.p95 > r.targetMs).map((t) => `\`${t.route}\``);
  if (!over.length) return '';
  return `
Over the target: ${over.join(', ')}, at this load.
`;
}

/** What the response-times route reads: the rollup's size against the facts it counts. */
function rollupText(r: ReportingRun): string {
  const rows = r.rollup.map((d) => `${n(d.rows)} \`${d.dimension}\``).join(', ');
  const perDay = Math.round(r.responses / 365);
  const d = r.distinctDurations;
  return `
\`GET /api/reports/response-times\` reads the daily duration rollup (\`report_durations_daily\`: ${rows} rows for
${n(r.responses)} responses and their conversations' resolutions) for whole UTC days and the facts only for the
partial days at a range's ends. Its cost grows with the distinct rounded durations per day and group, not with the
responses (about ${n(perDay)} a day here): this seed's response times take ${n(d.responses)} distinct values,
${n(d.roundedResponses)} once rounded (resolutions: ${n(d.resolutions)} distinct values).
`;
}

export function sectionText(r: ReportingRun): string {
  const seeded = Object.values(r.seedSeconds).reduce((a, b) => a + b, 0);
  const rows = r.routes
    .map(
      (t) =>
        `| \`${t.route}\` | ${t.calls} | ${ms(t.p50)} | ${ms(t.p95)} | ${ms(t.max)} | ${t.p95 <= r.targetMs ? 'yes' : '**no**'} |`,
    )
    .join('\n');
  return `${SECTION_HEADING}

Run: \`npm run bench:reporting\` (a smoke run: \`npm run bench:reporting -- --quick\`, 20,000 conversations;
\`--conversations=\` and \`--calls=\` change it; \`--database=<name> --seed-only\` seeds a kept database once and
\`--database=<name> --measure-only\` measures it later). The built api alone (no worker) on a fresh database holding
${n(r.conversations)} conversations and ${n(r.messages)} messages spread over one year, written with set-based SQL
(\`generate_series\`) into the product's tables (contacts, conversations, cards, messages) and into reporting's
fact tables as its subscriber would have written them from those conversations' events (${n(r.responses)}
measured responses, each 61 s to 19 min after the customer's message, the daily duration rollup counted from
them and the resolutions, one first-response SLA outcome per conversation, hourly volume summed from the messages;
business time taken as wall time, which does not change what the queries cost). Seeding took ${seeded.toFixed(0)} s.

Each route is called over HTTP ${r.routes[0]?.calls ?? 0} times after two warm-up calls, with varied ranges (1, 7
and 30 days at different places in the year; overview and backlog count "now" and read the range for opened and
closed only) and departments (none, or one of the three), alternating an admin and a supervisor of one
department. Counts are exact; response and resolution times are counted per rounded duration (each within
2.5 %, declared in every answer's \`precision\` and OpenAPI), and their medians and p90 interpolate between rounded
durations as \`percentile_cont\` does. Target: p95 ≤ ${r.targetMs} ms per route.

| Route | Calls | p50 | p95 | max | p95 ≤ ${r.targetMs} ms |
| --- | --- | --- | --- | --- | --- |
${rows}

Machine: ${r.cores} cores, ${r.pgVersion}; load while measuring: ${r.load}.${r.quick ? " (A quick run: not the benchmark's size.)" : ''}
${rollupText(r)}${missed(r)}${(r.notes ?? []).map((note) => `\n${note}\n`).join('')}`;
}
