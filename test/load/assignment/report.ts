/** The assignment benchmark's section of docs/benchmarks.md (written through the shared section writer). */
import { cpus, totalmem } from 'node:os';

export const SECTION_HEADING = '## Assignment burst (`test/load/assignment`)';

export interface AssignmentRun {
  quick: boolean;
  conversations: number;
  agents: number;
  capacity: number;
  perPost: number;
  concurrency: number;
  non200: number;
  /** Seconds from the first webhook sent to the last one sent, then to every conversation stored, routed, assigned. */
  sendSeconds: number;
  storedSeconds: number;
  routedSeconds: number;
  assignedSeconds: number;
  /** Conversations of the burst that got an owner, and the department's conversations left without one. */
  assigned: number;
  unassigned: number;
  /** Open conversations per agent at the end (the warm-up conversation included). */
  loads: number[];
  /** Owners who are not the department's agents (must be 0). */
  foreignOwners: number;
  /** CPU seconds per process (and PostgreSQL backends) from the first webhook to the last assignment. */
  cpuSeconds: Record<string, number>;
  pgVersion: string;
}

const s = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)} s` : 'not reached');

export function sectionText(r: AssignmentRun): string {
  const max = Math.max(...r.loads);
  const min = Math.min(...r.loads);
  const perSecond = r.assigned / r.assignedSeconds;
  const allAssigned = r.assigned === r.conversations && r.unassigned === 0;
  const fair = max - min <= 1;
  const cpuRows = Object.entries(r.cpuSeconds).map(
    ([name, v]) =>
      `| ${name} | ${v.toFixed(1)} s | ${((v / r.assignedSeconds) * 100).toFixed(0)} % | ${((v / r.conversations) * 1e6).toFixed(0)} µs |`,
  );
  return `${SECTION_HEADING}

Run: \`npm run bench:assignment\` (a smoke run: \`npm run bench:assignment -- --quick\`, 1,000 conversations over 50
agents; \`--conversations=\`, \`--agents=\`, \`--capacity=\`, \`--per-post=\`, \`--concurrency=\` change the load).
A fresh database; the built api and worker run as separate processes on the PostgreSQL queue. One department with
one number; its agents are all online, with the configured default capacity and no languages or skills; the
department's queue is the default one (round robin). The ingest benchmark's load-generator process sends a burst of
signed webhooks, each message from a new customer, so each opens a conversation that goes the whole real path:
webhook → intake → \`conversation.opened\` → routing (no rules; it still decides, detects the language and publishes
\`conversation.routed\`) → the assignment subscriber (one drain of the department's queue per batch of events). One
warm-up conversation goes the same way before the clock starts. The benchmark polls the database every 50 ms and
takes the time when every conversation of the burst is stored, routed (a routing decision) and owned.

Target (issue 12): ${r.conversations.toLocaleString('en')} new conversations in a burst over ${r.agents} online agents all
assigned, round-robin load spread (max − min) at most 1.

Last run: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${r.pgVersion}${r.quick ? ' (**quick smoke run**, not the measurement)' : ''}.

| Load | Value |
|---|---|
| burst | ${r.conversations} conversations, ${r.perPost} message per POST, ${r.concurrency} POSTs in flight; ${r.non200} non-200 |
| agents | ${r.agents} online, capacity ${r.capacity} each (${r.agents * r.capacity} places) |
| all sent | ${s(r.sendSeconds)} after the first webhook |
| all stored (conversation + card + message) | ${s(r.storedSeconds)} |
| all routed | ${s(r.routedSeconds)} |
| **all assigned** (first webhook → last assignment) | **${s(r.assignedSeconds)}** |
| assignments/s (over that time) | ${Number.isFinite(perSecond) ? perSecond.toFixed(0) : '–'} |
| assigned / left without owner | ${r.assigned} of ${r.conversations} / ${r.unassigned} |
| load per agent (open conversations, warm-up included) | min ${min}, max ${max}, spread ${max - min} |
| owners outside the department's agents | ${r.foreignOwners} |
| target: all assigned, spread ≤ 1 | ${allAssigned && fair && r.foreignOwners === 0 ? 'met' : 'not met'} |

CPU from the first webhook to the last assignment (100 % = one core; per conversation):

| Process | CPU | share | per conversation |
|---|---|---|---|
${cpuRows.join('\n')}

Everything (PostgreSQL, api, worker, load generator) shares one machine (${cpus().length} cores).

What the phases show: the time between "all stored" and "all routed" is routing's, and between "all routed" and
"all assigned" the assignment subscriber's. Assignment drains the queue once per batch of \`conversation.routed\`
events; per conversation it costs three statements in ownership's setOwner (the compare-and-set update, the domain
event, the timeline line), and round robin locks its next agents and counts their loads in one statement each per
up to 50 agents. Routing decides a batch of conversations in one transaction (one insert for its decisions, one
publish for their \`conversation.routed\` events), but still sets each conversation's detected language with its
own statements, which is most of the time between "stored" and "routed". A
worker at a lower CPU priority (\`worker.cpuNice\` above 0) stretches these phases most on a busy machine.
`;
}
