import { TestEnvironment } from '@switchboard/testing';

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
