/**
 * Open-loop load generator, run as its own process (forked by run.ts): sends one signed, Meta-formatted webhook
 * per message on a fixed schedule (message n is due at start + n / rate), never waiting for an answer before the
 * next one, and reports when each message was actually sent and how many went out late.
 */
import { metaJsonStringify, signBody } from '@switchboard/wa-sandbox';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';

export interface OpenLoopJob {
  url: string;
  appSecret: string;
  /** Messages go to these numbers in turn (one WhatsApp Business Account, one app secret). */
  numbers: { phoneNumberId: string; displayPhoneNumber: string }[];
  wabaId: string;
  /** Messages per second offered. */
  rate: number;
  messages: number;
  /** Distinct customers per number. */
  senders: number;
  /** wamids are `wamid.<runId>.<n>`. */
  runId: string;
  /** Open connections to the api; a message whose slot finds them all busy counts as late. */
  connections: number;
  /** A message sent more than this after its slot counts as late. */
  lateMs: number;
}

export interface OpenLoopReport {
  /** Per message n: when its POST was sent (epoch ms, fractional). */
  sentAt: number[];
  ackMs: number[];
  late: number;
  maxLateMs: number;
  non200: number;
  errors: number;
  startedAt: number;
  finishedAt: number;
  /** This process's CPU milliseconds from the first send to the last answer (it has exited when the run ends). */
  cpuMs: number;
}

/** Epoch milliseconds with sub-millisecond resolution, comparable across the benchmark's processes. */
export const now = () => performance.timeOrigin + performance.now();

export const wamidOf = (runId: string, n: number) => `wamid.${runId}.${n}`;

function body(job: OpenLoopJob, n: number): string {
  const number = job.numbers[n % job.numbers.length];
  const customer = Math.floor(n / job.numbers.length) % job.senders;
  const waId = `55119${String(customer).padStart(8, '0')}`;
  return metaJsonStringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: job.wabaId,
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: number.displayPhoneNumber,
                phone_number_id: number.phoneNumberId,
              },
              contacts: [{ profile: { name: `Cliente ${customer}` }, wa_id: waId }],
              messages: [
                {
                  from: waId,
                  id: wamidOf(job.runId, n),
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: `Olá, pedido número ${n} — obrigado! 😊` },
                },
              ],
            },
            field: 'messages',
          },
        ],
      },
    ],
  });
}

export async function generate(job: OpenLoopJob): Promise<OpenLoopReport> {
  // Bodies are built and signed before the clock starts, so the schedule is not held up by JSON and HMAC work.
  const prepared = Array.from({ length: job.messages }, (_, n) => {
    const text = body(job, n);
    return { text, signature: signBody(text, job.appSecret) };
  });
  const url = new URL(job.url);
  const pool = new Pool(url.origin, { connections: job.connections, pipelining: 1 });
  const report: OpenLoopReport = {
    sentAt: new Array<number>(job.messages).fill(NaN),
    ackMs: [],
    late: 0,
    maxLateMs: 0,
    non200: 0,
    errors: 0,
    startedAt: 0,
    finishedAt: 0,
    cpuMs: 0,
  };
  const interval = 1000 / job.rate;
  let inFlight = 0;
  let answered = 0;
  let next = 0;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));

  const send = (n: number) => {
    const { text, signature } = prepared[n];
    const at = now();
    report.sentAt[n] = at;
    inFlight++;
    pool
      .request({
        path: url.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': signature,
          'user-agent': 'facebookexternalua',
        },
        body: text,
      })
      .then(async (res) => {
        await res.body.dump();
        report.ackMs.push(now() - at);
        if (res.statusCode !== 200) report.non200++;
      })
      .catch(() => report.errors++)
      .finally(() => {
        inFlight--;
        if (++answered === job.messages) finish();
      });
  };

  const cpuAtStart = process.cpuUsage();
  const start = now() + 20;
  report.startedAt = start;
  const tick = () => {
    const t = now();
    while (next < job.messages && start + next * interval <= t) {
      const lateBy = t - (start + next * interval);
      // Late: the generator fell behind its schedule, or every connection was still waiting for an answer (the
      // request would queue in the client, which an open loop must not hide).
      if (lateBy > job.lateMs || inFlight >= job.connections) report.late++;
      report.maxLateMs = Math.max(report.maxLateMs, lateBy);
      send(next++);
    }
    if (next < job.messages) setTimeout(tick, Math.max(0, start + next * interval - now() - 1));
  };
  setTimeout(tick, Math.max(0, start - now()));
  await finished;
  report.finishedAt = now();
  const cpu = process.cpuUsage(cpuAtStart);
  report.cpuMs = (cpu.user + cpu.system) / 1000;
  await pool.close();
  return report;
}

if (require.main === module) {
  process.on('message', (job: OpenLoopJob) => {
    generate(job)
      .then((r) => process.send?.(r, () => process.exit(0)))
      .catch((e: Error) => {
        process.stderr.write(`${e.stack}\n`);
        process.exit(1);
      });
  });
}
