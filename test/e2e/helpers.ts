import { TestEnvironment, waitFor } from '@switchboard/testing';
import { signBody } from '@switchboard/wa-sandbox';
import request from 'supertest';

/** A Meta-shaped `messages` change for one number, as a plain object (the sandbox serialises and signs it). */
export function messagesEnvelope(
  env: TestEnvironment,
  number: 'sales' | 'support' | 'hr',
  value: { messages?: unknown[]; statuses?: unknown[]; contacts?: unknown[]; errors?: unknown[] },
  phoneNumberId = env.numbers[number].phoneNumberId,
) {
  const n = env.numbers[number];
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: n.wabaId,
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: n.displayPhoneNumber, phone_number_id: phoneNumberId },
              ...value,
            },
            field: 'messages',
          },
        ],
      },
    ],
  };
}

/** Posts a raw body to the webhook, signed with the sales app's secret as Meta signs it; the caller checks the answer. */
export const postSignedWebhook = (env: TestEnvironment, body: string): request.Test =>
  env
    .anonymous()
    .post('/webhooks/whatsapp')
    .set('Content-Type', 'application/json')
    .set('X-Hub-Signature-256', signBody(body, env.numbers.sales.appSecret))
    .send(body);

/** Waits for the stored webhook delivery that `where` picks (`$1` is `param`); resolves to its id. */
export const deliveryId = (
  env: TestEnvironment,
  where: string,
  param: string,
  what: string,
): Promise<string> =>
  waitFor(
    async () =>
      (await env.query<{ id: string }>(`select id from inbound_events where ${where}`, [param]))[0]?.id,
    { what },
  );

let seq = 0;
export const fakeWamid = () =>
  `wamid.TEST${Date.now().toString(36)}${(seq++).toString(36)}${Math.random().toString(36).slice(2, 8)}`;
export const unixNow = (offsetSeconds = 0) => String(Math.floor(Date.now() / 1000) + offsetSeconds);

export async function count(
  env: TestEnvironment,
  table: string,
  where = 'true',
  params: unknown[] = [],
): Promise<number> {
  const rows = await env.query<{ n: string }>(
    `select count(*)::int as n from ${table} where ${where}`,
    params,
  );
  return Number(rows[0].n);
}
