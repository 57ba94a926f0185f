/**
 * Load generator, run as its own process (forked by run.ts): floods signed, Meta-formatted webhooks at a
 * URL with a fixed concurrency and reports every acknowledgement latency and when each message was sent.
 */
import { metaJsonStringify, signBody } from '@switchboard/wa-sandbox';
import { request } from 'undici';

export interface GeneratorJob {
  url: string;
  appSecret: string;
  /** POSTs go to these numbers in turn (one WhatsApp Business Account, one app secret). */
  numbers: { phoneNumberId: string; displayPhoneNumber: string }[];
  wabaId: string;
  messages: number;
  perPost: number;
  concurrency: number;
  senders: number;
  runId: string;
}

export interface GeneratorReport {
  ackMs: number[];
  /** Per POST: when it was sent (epoch ms) and the wamids it carried. */
  sends: { at: number; wamids: string[] }[];
  non200: number;
  startedAt: number;
  finishedAt: number;
}

function payload(
  job: GeneratorJob,
  number: GeneratorJob['numbers'][number],
  from: number,
  count: number,
): { body: string; wamids: string[] } {
  const ts = String(Math.floor(Date.now() / 1000));
  const wamids: string[] = [];
  const messages = [];
  const contacts = [];
  for (let i = 0; i < count; i++) {
    const n = from + i;
    const waId = `55119${String(n % job.senders).padStart(8, '0')}`;
    const wamid = `wamid.${job.runId}.${n}`;
    wamids.push(wamid);
    contacts.push({ profile: { name: `Cliente ${n % job.senders}` }, wa_id: waId });
    messages.push({
      from: waId,
      id: wamid,
      timestamp: ts,
      type: 'text',
      text: { body: `Olá, pedido número ${n} — obrigado! 😊` },
    });
  }
  const envelope = {
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
              contacts,
              messages,
            },
            field: 'messages',
          },
        ],
      },
    ],
  };
  return { body: metaJsonStringify(envelope), wamids };
}

export async function generate(job: GeneratorJob): Promise<GeneratorReport> {
  const posts = Math.ceil(job.messages / job.perPost);
  // Bodies are built and signed before the clock starts: the generator shares the cores with the system under
  // test, and its own JSON and HMAC work would otherwise be counted against both targets.
  const prepared = Array.from({ length: posts }, (_, index) => {
    const { body, wamids } = payload(
      job,
      job.numbers[index % job.numbers.length],
      index * job.perPost,
      Math.min(job.perPost, job.messages - index * job.perPost),
    );
    return { body, wamids, signature: signBody(body, job.appSecret) };
  });
  const report: GeneratorReport = { ackMs: [], sends: [], non200: 0, startedAt: Date.now(), finishedAt: 0 };
  let next = 0;
  const worker = async () => {
    while (next < posts) {
      const { body, wamids, signature } = prepared[next++];
      const at = Date.now();
      const t0 = performance.now();
      const res = await request(job.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': signature,
          'user-agent': 'facebookexternalua',
        },
        body,
      });
      await res.body.dump();
      report.ackMs.push(performance.now() - t0);
      if (res.statusCode !== 200) report.non200++;
      report.sends.push({ at, wamids });
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, worker));
  report.finishedAt = Date.now();
  return report;
}

if (require.main === module) {
  process.on('message', (job: GeneratorJob) => {
    generate(job)
      .then((r) => process.send?.(r, () => process.exit(0)))
      .catch((e: Error) => {
        process.stderr.write(`${e.stack}\n`);
        process.exit(1);
      });
  });
}
