/**
 * The floor to compare against: a bare node:http + pg server that verifies the signature, stores the raw
 * event, answers 200, then inserts one row per message (the same number of inserts Switchboard makes
 * durable), with no framework, queue or domain logic.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { Pool } from 'pg';

const [databaseUrl, portArg, secret] = process.argv.slice(2);
const pool = new Pool({ connectionString: databaseUrl, max: 10 });

interface Envelope {
  entry: { changes: { value: { messages?: { id: string; from: string; text?: { body: string } }[] } }[] }[];
}

async function main() {
  await pool.query(
    `create table if not exists baseline_events (id bigserial primary key, raw text not null, received_at timestamptz not null default now())`,
  );
  await pool.query(
    `create table if not exists baseline_messages (wamid text primary key, from_wa text not null, body text, stored_at timestamptz not null default clock_timestamp())`,
  );
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const given = Buffer.from(
        String(req.headers['x-hub-signature-256'] ?? '').replace('sha256=', ''),
        'hex',
      );
      const expected = createHmac('sha256', secret).update(raw).digest();
      if (given.length !== 32 || !timingSafeEqual(given, expected)) {
        res.writeHead(401).end();
        return;
      }
      pool
        .query('insert into baseline_events (raw) values ($1)', [raw.toString('utf8')])
        .then(async () => {
          res.writeHead(200).end('EVENT_RECEIVED');
          const env = JSON.parse(raw.toString('utf8')) as Envelope;
          for (const e of env.entry)
            for (const c of e.changes)
              for (const m of c.value.messages ?? [])
                await pool.query(
                  'insert into baseline_messages (wamid, from_wa, body) values ($1, $2, $3) on conflict do nothing',
                  [m.id, m.from, m.text?.body ?? null],
                );
        })
        .catch((e: Error) => {
          if (!res.headersSent) res.writeHead(500).end(e.message);
        });
    });
  });
  server.listen(Number(portArg), '127.0.0.1', () => process.send?.('ready'));
}

void main();
