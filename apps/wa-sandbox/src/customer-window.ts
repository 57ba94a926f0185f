import { isObject } from './json-narrow';

export const CUSTOMER_SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * The 24-hour customer-service window per (business number, customer): each inbound user message opens or
 * refreshes it; free-form sends outside it fail asynchronously with 131047.
 */
export class CustomerWindow {
  private readonly lastInbound = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  touch(phoneNumberId: string, waId: string): void {
    this.lastInbound.set(key(phoneNumberId, waId), this.now());
  }

  isOpen(phoneNumberId: string, waId: string): boolean {
    const last = this.lastInbound.get(key(phoneNumberId, waId));
    return last !== undefined && this.now() - last <= CUSTOMER_SERVICE_WINDOW_MS;
  }
}

function key(phoneNumberId: string, waId: string): string {
  return `${phoneNumberId}:${waId}`;
}

/**
 * Inbound user messages found in a webhook payload, as (phone_number_id, from) pairs. System
 * notifications are not written by the customer and do not open the window.
 */
export function inboundSenders(payload: unknown, fallbackPhoneNumberId: string): Array<[string, string]> {
  const senders: Array<[string, string]> = [];
  const entries = isObject(payload) && Array.isArray(payload.entry) ? (payload.entry as unknown[]) : [];
  for (const entry of entries) {
    const changes = isObject(entry) && Array.isArray(entry.changes) ? (entry.changes as unknown[]) : [];
    for (const change of changes) {
      const value = isObject(change) ? change.value : undefined;
      if (!isObject(value) || !Array.isArray(value.messages)) continue;
      const metadata = value.metadata;
      const phoneNumberId =
        isObject(metadata) && typeof metadata.phone_number_id === 'string'
          ? metadata.phone_number_id
          : fallbackPhoneNumberId;
      for (const message of value.messages as unknown[]) {
        if (
          isObject(message) &&
          typeof message.from === 'string' &&
          message.from !== '' &&
          message.type !== 'system'
        ) {
          senders.push([phoneNumberId, message.from]);
        }
      }
    }
  }
  return senders;
}
