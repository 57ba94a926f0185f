/**
 * The realtime benchmark's section of docs/benchmarks.md: written in place of the previous one (from its heading
 * to the next `## ` heading), so the other benchmarks' sections stay as they are.
 */
import { cpus, totalmem } from 'node:os';
import type { DeliveryResult } from './agent-sockets';
import type { Percentiles } from './percentiles';

export const SECTION_HEADING = '## Realtime delivery (`test/load/realtime`)';

export interface RealtimeRun {
  quick: boolean;
  /** The warm-up before the window (same rate and customers), not counted; null when the run started cold. */
  warmup: {
    seconds: number;
    offered: number;
    non200: number;
    ack: Percentiles;
    storedLatency: Percentiles;
  } | null;
  rate: number;
  seconds: number;
  sockets: number;
  offered: number;
  sentOnTime: number;
  maxLateMs: number;
  lateMs: number;
  non200: number;
  errors: number;
  ack: Percentiles;
  stored: number;
  /** Webhook POST → message stored (processed). */
  storedLatency: Percentiles;
  deliveries: DeliveryResult;
  /** CPU seconds per process over the run (first send to the last event received). */
  cpuSeconds: Record<string, number>;
  windowSeconds: number;
  /** pg_stat_database counters of the benchmark database over the run (transactions, rows). */
  database: Record<string, number>;
  /** Whether the closing marker reached every socket within settleSeconds (else the rest counts as missing). */
  settled: boolean;
  settleSeconds: number;
  pgVersion: string;
  /** The machine's 1-minute load average when the run started and when it ended (other work shares the cores). */
  loadAverage: { start: number; end: number };
}

const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : '–');
const row = (name: string, p: Percentiles) =>
  `| ${name} | ${p.count} | ${ms(p.p50)} | ${ms(p.p90)} | ${ms(p.p99)} | ${ms(p.max)} |`;

export function sectionText(r: RealtimeRun): string {
  const d = r.deliveries;
  const elsewhere = d.socketsWithEvents.B ?? 0;
  const cpuRows = Object.entries(r.cpuSeconds).map(
    ([name, s]) => `| ${name} | ${s.toFixed(1)} s | ${((s / r.windowSeconds) * 100).toFixed(0)} % |`,
  );
  const verdict = Number.isFinite(d.perDelivery.p99) && d.perDelivery.p99 <= 1000 ? 'met' : 'not met';
  return `${SECTION_HEADING}

Run: \`npm run bench:realtime\` (a smoke run: \`npm run bench:realtime -- --quick\`; \`--rate=\`, \`--seconds=\`,
\`--sockets=\` change the load). A fresh database; two built api processes (A and B) and one worker run as
separate processes on the PostgreSQL queue and the PostgreSQL Socket.IO adapter. The agents (one per socket, each
an \`agent\` of one of the three departments) sign in through \`POST /api/auth/login\`; their sockets connect with
those access tokens, alternately to A and B, from a separate process, and each waits for \`ready\` with its
department's room. A separate load-generator process offers signed webhooks, one message per POST, to api A only,
**open loop**: message n is sent at its slot (start + n / rate) whatever the answers to earlier ones; a message
sent more than ${r.lateMs} ms after its slot, or whose slot found all of the generator's connections busy, counts as
late. Messages go to the three numbers in turn (one department each).

- **The sockets' process** is kept light, since it shares the machine with the server: each socket is a plain
  websocket speaking the Socket.IO protocol (the same handshake, access token and frames as socket.io-client over
  its websocket transport, without its per-packet machinery), and an event's text, the same at every socket of a
  department, is parsed once for all of them.
- **Latency** is from sending the webhook POST to the \`message.created\` event (\`change: message.received\`) at a
  socket of the message's department, per delivery (each socket) and per message at the last socket of its
  department. Events carry the message id; sockets only record it with the time, and after the run the ids are
  matched to the wamids sent (one query), off the hot path.
- **Every message must reach every socket of its department once**: missing and duplicated deliveries, and events
  at a socket outside the department, must all be 0. The run ends when a marker message sent after the last one
  has reached every socket (events of one stream arrive in order), so nothing still in flight is counted missing.
- **Warm-up**: before the measured window, the same customers write at the same rate for a few seconds
  (\`--warmup=\`, 0 for a cold start) and everything they sent is delivered first. This creates the conversations
  and warms the processes and PostgreSQL's caches, so the window measures the steady rate; the warm-up's own
  figures are in the table, not in the latencies.
- **Sockets on api B** never see the webhooks, so every event they receive crossed processes (worker → PostgreSQL
  adapter → B).

Target (issue 12): p99 at most 1 s from the webhook to the socket event, at 1,000 messages/s for 60 s over three
numbers with 200 agent sockets on two api processes.

Last run: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${r.pgVersion}${r.quick ? ' (**quick smoke run**, not the measurement: the target applies to the full run)' : ''}.
Load average (1 min): ${r.loadAverage.start.toFixed(1)} at the first send, ${r.loadAverage.end.toFixed(1)} at the end (${cpus().length} cores; the run's own processes count too, far above that means other work shared them).

| Load | Value |
|---|---|
| offered | ${r.offered} messages at ${r.rate}/s for ${r.seconds} s, ${r.sockets} sockets (${Object.entries(
    d.socketsPerProcess,
  )
    .map(([p, n]) => `${n} on ${p}`)
    .join(', ')}) |
| warm-up (not counted) | ${
    r.warmup
      ? `${r.warmup.offered} messages at ${r.rate}/s for ${r.warmup.seconds} s before the window: ack p99 ${ms(r.warmup.ack.p99)}, webhook → stored p50 ${ms(r.warmup.storedLatency.p50)}, p99 ${ms(r.warmup.storedLatency.p99)}; ${r.warmup.non200} refused or failed`
      : 'none: measured from a cold start'
  } |
| sent on time | ${r.sentOnTime} (${r.offered - r.sentOnTime} late, at most ${r.maxLateMs.toFixed(0)} ms after the slot) |
| webhook answers | ack p50 ${ms(r.ack.p50)}, p99 ${ms(r.ack.p99)}, max ${ms(r.ack.max)}; ${r.non200} non-200, ${r.errors} failed |
| stored | ${r.stored} |
| deliveries due (message × socket of its department) | ${d.expected} |
| delivered | ${d.delivered} |
| missing / duplicated / outside the department | ${d.missing} / ${d.duplicated} / ${d.outsideDepartment}${r.settled ? '' : ` (the closing marker had not reached every socket ${r.settleSeconds} s after it was sent)`} |
| sockets on api B (not taking webhooks) that received events | ${elsewhere} of ${d.socketsPerProcess.B ?? 0} |
| target p99 ≤ 1 s | ${verdict} |

| Latency | count | p50 | p90 | p99 | max |
|---|---|---|---|---|---|
${row('webhook → stored', r.storedLatency)}
${row('webhook → socket event (each delivery)', d.perDelivery)}
${row('webhook → last socket of the department', d.lastSocket)}
${row('stored → socket event (each delivery: the relay and fan-out alone)', d.afterStored)}

Each delivery's latency by when its message was sent (tenths of the run): flat means the system keeps up, a rising
line means a backlog (the rate offered is above what the path sustains).

| Tenth of the run | ${d.byTenth.map((_, i) => i + 1).join(' | ')} |
|---|${d.byTenth.map(() => '---|').join('')}
| p50 | ${d.byTenth.map((p) => ms(p.p50)).join(' | ')} |
| p99 | ${d.byTenth.map((p) => ms(p.p99)).join(' | ')} |

Socket events received by all sockets, by type (the run, its markers and the warm-up marker): ${Object.entries(
    d.eventsByType,
  )
    .map(([type, n]) => `${type} ${n}`)
    .join(', ')}.

CPU over the run (${r.windowSeconds.toFixed(1)} s, from the first send to the marker at every socket; 100 % = one core):

| Process | CPU | share |
|---|---|---|
${cpuRows.join('\n')}

PostgreSQL work over the run (the benchmark database's counters, steadier than CPU time on a shared machine):
${Object.entries(r.database)
  .map(([name, n]) => `${name.replace('_', ' ')} ${n} (${(n / r.offered).toFixed(1)} per message)`)
  .join(', ')}.

The socket process's event loop was delayed by up to ${ms(d.clientLoopDelayMaxMs)} (p99 ${ms(d.clientLoopDelayP99Ms)}):
when that is large, part of the latency is the measuring client's, not the server's. Everything shares one
machine (${cpus().length} cores), so the generator and the sockets compete with the system under test.
`;
}
