import { metaJsonStringify, signBody } from '@switchboard/wa-sandbox';
import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { request as httpRequest } from 'node:http';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeWamid, messagesEnvelope, unixNow } from './helpers';

/**
 * Webhooks that arrive together are stored together: one commit (one WAL flush) for many rows, so the ack rate is
 * not capped by the pool size times the flush time. Each is still acknowledged only after its row committed.
 */
describe('WhatsApp webhook intake under concurrent webhooks', () => {
  let env: TestEnvironment;
  let locker: Client;
  beforeAll(async () => {
    env = await createTestEnvironment();
    locker = new Client({ connectionString: env.runtime.databaseUrl });
    await locker.connect();
  });
  afterAll(async () => {
    await locker?.end();
    await env?.close();
  });

  const post = (body: string, written: () => void) =>
    new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${env.url}/webhooks/whatsapp`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': signBody(body, env.numbers.sales.appSecret),
        },
        agent: false,
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(body, written);
    });
  const envelope = (id: string, i: number) =>
    metaJsonStringify(
      messagesEnvelope(env, 'sales', {
        messages: [
          {
            from: `55119${String(i).padStart(8, '0')}`,
            id,
            timestamp: unixNow(),
            type: 'text',
            text: { body: 'oi' },
          },
        ],
      }),
    );

  it('stores 40 webhooks that arrived while the table was locked in a few transactions, acking after commit', async () => {
    const wamids = Array.from({ length: 40 }, () => fakeWamid());
    // A first webhook loads the number registry, so the ones below go straight from signature check to insert.
    expect(await post(envelope(fakeWamid(), 99), () => undefined)).toBe(200);
    // Inserts wait behind this lock, so every webhook below is in the api, waiting to be stored, at once.
    await locker.query('begin');
    await locker.query('lock table inbound_events in share row exclusive mode');
    const answeredAt: number[] = [];
    const sent: number[] = [];
    const answers = wamids.map(async (id, i) => {
      const body = envelope(id, i);
      const status = await post(body, () => sent.push(i));
      answeredAt.push(Date.now());
      return status;
    });
    let looksAfterSent = 0;
    await waitFor(async () => {
      const allSent = sent.length === wamids.length;
      const rows = await env.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock' and query ilike 'insert into inbound_events%'`,
      );
      // The api runs in this process: it reads the written bodies while these round trips wait.
      if (allSent && rows[0].n > 0) looksAfterSent++;
      return looksAfterSent >= 2;
    });
    const releasedAt = Date.now();
    await locker.query('commit');
    expect(await Promise.all(answers)).toEqual(Array(40).fill(200));
    // Nothing was acknowledged while its row could not be committed.
    expect(Math.min(...answeredAt)).toBeGreaterThanOrEqual(releasedAt);
    const rows = await env.query<{ stored: number; transactions: number }>(
      `select count(*)::int as stored, count(distinct received_at)::int as transactions
         from inbound_events where raw_body like any($1)`,
      [wamids.map((w) => `%${w}%`)],
    );
    expect(rows[0].stored).toBe(40);
    // received_at is its transaction's start (processing later rewrites the rows, so not xmin): one insert per
    // webhook would be 40 transactions.
    expect(rows[0].transactions).toBeLessThanOrEqual(10);
  });

  it('stores the rest of a group when the database refuses one of its rows, and refuses only that one', async () => {
    // A row the database refuses (here by a trigger, standing in for any per-row failure) fails its group's insert.
    await env.query(`create function refuse_poison() returns trigger language plpgsql as $$
      begin if new.raw_body like '%poison-row%' then raise exception 'refused for the test'; end if; return new; end $$`);
    await env.query(`create trigger refuse_poison before insert on inbound_events
      for each row execute function refuse_poison()`);
    const poison = JSON.stringify({ object: 'whatsapp_business_account', entry: [], note: 'poison-row' });
    const wamids = Array.from({ length: 9 }, () => fakeWamid());
    const waitingInserts = async () =>
      (
        await env.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock' and query ilike 'insert into inbound_events%'`,
        )
      )[0].n;
    await locker.query('begin');
    await locker.query('lock table inbound_events in share row exclusive mode');
    // Two webhooks first: their inserts (the writer runs two at once) wait on the lock, so everything sent after
    // them queues in the api and goes into one group, the refused row among them.
    const sent: number[] = [];
    const first = wamids.slice(0, 2).map((id, i) => post(envelope(id, 100 + i), () => sent.push(i)));
    await waitFor(async () => (await waitingInserts()) >= 2);
    const rest = [poison, ...wamids.slice(2).map((id, i) => envelope(id, 102 + i))].map((body, i) =>
      post(body, () => sent.push(2 + i)),
    );
    let looksAfterSent = 0;
    await waitFor(async () => {
      // The api runs in this process: it reads the written bodies while these round trips wait.
      if (sent.length === 10) looksAfterSent++;
      return looksAfterSent >= 3;
    });
    const answers = [...first, ...rest];
    await locker.query('commit');
    const statuses = await Promise.all(answers);
    expect(statuses[2]).toBeGreaterThanOrEqual(500);
    expect([...statuses.slice(0, 2), ...statuses.slice(3)]).toEqual(Array(9).fill(200));
    const rows = await env.query<{ stored: number }>(
      `select count(*)::int as stored from inbound_events where raw_body like any($1)`,
      [wamids.map((w) => `%${w}%`)],
    );
    expect(rows[0].stored).toBe(9);
    await env.query('drop trigger refuse_poison on inbound_events');
  });
});
