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
