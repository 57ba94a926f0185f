import { z } from 'zod';

export const listInboundEventsQuery = z
  .object({
    status: z.enum(['pending', 'processed', 'partial', 'failed', 'held']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** Opaque cursor from the previous page (older events). */
    before: z.string().max(200).optional(),
  })
  .strict();
export type ListInboundEventsQuery = z.infer<typeof listInboundEventsQuery>;

export interface InboundEventView {
  id: string;
  receivedAt: string;
  /** `held`: it names a disabled number; it is processed once the number is enabled again. */
  status: 'pending' | 'processed' | 'partial' | 'failed' | 'held';
  attempts: number;
  itemCount: number | null;
  failures: { path: string; reason: string; item?: unknown }[];
  lastError: string | null;
  processedAt: string | null;
  /** Signed with a number's previous app secret, accepted during the overlap after the secret was rotated. */
  signedWithPreviousSecret: boolean;
  /**
   * Changes nothing processed, with why: a webhook field Switchboard does not handle, a WABA with no registered
   * number, a number of another app. Kept visible; they never make the delivery failed.
   */
  unhandled: { path: string; field: string; reason: string }[];
  /** Only on the single-event view: the body exactly as Meta sent it. */
  rawBody?: string;
}
