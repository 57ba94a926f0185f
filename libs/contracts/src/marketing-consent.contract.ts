import { z } from 'zod';

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
