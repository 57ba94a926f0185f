/**
 * One signed webhook from a customer outside the burst's (the load generator numbers its customers from 0, so a
 * warm-up through it would reuse the burst's first conversation): it opens a conversation before the clock starts.
 */
import { metaJsonStringify, signBody } from '@switchboard/wa-sandbox';
import { request } from 'undici';

export async function sendWarmUp(
  url: string,
  appSecret: string,
  wabaId: string,
  number: { phoneNumberId: string; displayPhoneNumber: string },
  runId: string,
): Promise<void> {
  const waId = '5511899999999';
  const body = metaJsonStringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: wabaId,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: number.displayPhoneNumber,
                phone_number_id: number.phoneNumberId,
              },
              contacts: [{ profile: { name: 'Warm-up' }, wa_id: waId }],
              messages: [
                {
                  from: waId,
                  id: `wamid.${runId}.warm`,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: 'Olá, tudo bem?' },
                },
              ],
            },
          },
        ],
      },
    ],
  });
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body, appSecret) },
    body,
  });
  await res.body.dump();
  if (res.statusCode !== 200) throw new Error(`the warm-up webhook was answered ${res.statusCode}`);
}
