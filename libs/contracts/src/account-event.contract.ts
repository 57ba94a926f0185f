import { z } from 'zod';

/** GET /api/numbers/:id/account-events: one account or template webhook change applied to the number. */
export interface AccountEventView {
  id: string;
  inboundEventId: string;
  /** Where in the delivery, e.g. `entry[0].changes[0]`. */
  path: string;
  /** Meta's webhook field, e.g. `message_template_status_update`. */
  field: string;
  wabaId: string | null;
  templateId: string | null;
  /** `applied`; `stale` (older than what was applied: recorded only); `unknown_template` (re-sync queued). */
  outcome: string;
  /** Meta's time for the change, when it sent one. */
  occurredAt: string | null;
  receivedAt: string;
  detail: Record<string, unknown>;
}

export const listAccountEventsQuery = z.strictObject({
  /** Meta's webhook field, e.g. `account_update`. */
  field: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type ListAccountEventsQuery = z.infer<typeof listAccountEventsQuery>;

/** PUT /api/contacts/:id/marketing-consent: consent collected outside WhatsApp (a form, a call…). */
export const putMarketingConsentRequest = z.strictObject({
  state: z.enum(['granted', 'stopped']),
  note: z.string().trim().min(1).max(500).optional(),
});
export type PutMarketingConsentRequest = z.infer<typeof putMarketingConsentRequest>;

export interface MarketingConsentView {
  contactId: string;
  wabaId: string;
  waId: string;
  /** `granted` when nothing was ever recorded: marketing is allowed until the customer stops it. */
  state: 'granted' | 'stopped';
  since: string | null;
  source: 'webhook' | 'api' | null;
  /** Oldest first; `applied` is false for a change older than the state it found (out-of-order delivery). */
  history: {
    state: 'granted' | 'stopped';
    at: string;
    recordedAt: string;
    source: 'webhook' | 'api';
    applied: boolean;
    inboundEventId: string | null;
    actorId: string | null;
    note: string | null;
  }[];
}
