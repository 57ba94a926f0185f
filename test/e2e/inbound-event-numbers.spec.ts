import { randomUUID } from 'node:crypto';
import { createTestEnvironment, TestEnvironment } from '@switchboard/testing';
import { metaJsonStringify } from '@switchboard/wa-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryId, fakeWamid, messagesEnvelope, postSignedWebhook, unixNow } from './helpers';

/**
 * A webhook delivery belongs to the departments of the numbers it names. Once processed, that is what processing
 * resolved and kept on the delivery, not a fresh read of its raw body; a delivery not processed yet is still judged
 * by its body.
 */
describe('webhook deliveries by department, through the numbers kept on them', () => {
  let env: TestEnvironment;
  let salesToken: string;
  let supportToken: string;
  let bothToken: string;
  beforeAll(async () => {
    env = await createTestEnvironment();
    const mint = async (name: string, departmentIds: string[]) =>
      (
        await env
          .api()
          .post('/api/api-tokens')
          .send({ name, permissions: ['inbound_events.read'], departmentIds })
          .expect(201)
      ).body.token as string;
    salesToken = await mint('sales intake', [env.numbers.sales.departmentId]);
    supportToken = await mint('support intake', [env.numbers.support.departmentId]);
    bothToken = await mint('both', [env.numbers.sales.departmentId, env.numbers.support.departmentId]);
  });
  afterAll(async () => {
    await env?.close();
  });

  const as = (token: string) => ({
    get: (path: string) => env.anonymous().get(path).set('Authorization', `Bearer ${token}`),
  });
  const listed = async (token: string) =>
    ((await as(token).get('/api/inbound-events?limit=200').expect(200)).body.items as { id: string }[]).map(
      (e) => e.id,
    );
  const text = (from: string) => ({
    from,
    id: fakeWamid(),
    timestamp: unixNow(),
    type: 'text',
    text: { body: 'hello' },
  });

  /** Posts a signed body; resolves to the delivery's id once processing is done with it. */
  async function deliver(body: string): Promise<string> {
    await postSignedWebhook(env, body).expect(200);
    return deliveryId(env, `raw_body = $1 and status <> 'pending'`, body, 'processed delivery');
  }

  it('a processed delivery stays with its department even when its stored body can no longer be read', async () => {
    const id = await deliver(
      metaJsonStringify(messagesEnvelope(env, 'sales', { messages: [text('5511966600001')] })),
    );
    // The raw body is no longer JSON: only what processing kept says which number the delivery named.
    await env.query(`update inbound_events set raw_body = 'no longer json' where id = $1`, [id]);
    expect(await listed(salesToken)).toContain(id);
    await as(salesToken).get(`/api/inbound-events/${id}`).expect(200);
    expect(await listed(supportToken)).not.toContain(id);
    await as(supportToken).get(`/api/inbound-events/${id}`).expect(404);
  });

  it('a delivery naming numbers of two departments is seen only by an actor in both', async () => {
    const sales = messagesEnvelope(env, 'sales', { messages: [text('5511966600002')] });
    const support = messagesEnvelope(env, 'support', { messages: [text('5511966600003')] });
    const body = metaJsonStringify({ ...sales, entry: [...sales.entry, ...support.entry] });
    const id = await deliver(body);
    expect(await listed(salesToken)).not.toContain(id);
    expect(await listed(supportToken)).not.toContain(id);
    expect(await listed(bothToken)).toContain(id);
  });

  it('a delivery not processed yet is judged by the numbers its body names', async () => {
    const [{ fingerprint }] = await env.query<{ fingerprint: string }>(
      'select app_secret_fingerprint as fingerprint from whatsapp_numbers where id = $1',
      [env.numbers.sales.id],
    );
    // Parked after a failed attempt (last_error set): draining workers leave it pending.
    const id = randomUUID();
    await env.query(
      `insert into inbound_events (id, received_at, raw_body, secret_fingerprint, status, attempts, last_error)
       values ($1, now(), $2, $3, 'pending', 1, 'simulated failure')`,
      [
        id,
        metaJsonStringify(messagesEnvelope(env, 'sales', { messages: [text('5511966600004')] })),
        fingerprint,
      ],
    );
    expect(await listed(salesToken)).toContain(id);
    await as(salesToken).get(`/api/inbound-events/${id}`).expect(200);
    expect(await listed(supportToken)).not.toContain(id);
  });
});
