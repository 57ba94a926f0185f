import type { SandboxNumber } from './types';

/**
 * The `whatsapp_business_account` envelope: one entry (id = WABA id) with one `messages` change whose
 * value carries the number's metadata plus the given content (contacts/messages, statuses or errors).
 */
export function messagesEnvelope(
  number: SandboxNumber,
  content: Record<string, unknown>,
): Record<string, unknown> {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: number.wabaId,
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: number.displayPhoneNumber,
                phone_number_id: number.phoneNumberId,
              },
              ...content,
            },
            field: 'messages',
          },
        ],
      },
    ],
  };
}

/** Unix seconds as the string Meta uses in messages/statuses. */
export function unixSeconds(ms: number): string {
  return String(Math.floor(ms / 1000));
}
