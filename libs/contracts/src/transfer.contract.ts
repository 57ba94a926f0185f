import { z } from 'zod';

/** Where the caller may transfer a conversation: departments, and numbers of the same WhatsApp accounts. */
export interface TransferTargetsView {
  departments: { id: string; name: string }[];
  numbers: {
    id: string;
    displayPhoneNumber: string;
    department: { id: string; name: string };
  }[];
}

export const transferToNumberRequest = z
  .object({ numberId: z.uuid(), note: z.string().trim().min(1).max(2000).optional() })
  .strict();
export type TransferToNumberRequest = z.infer<typeof transferToNumberRequest>;

/** The outcome of a transfer to another number: the original closed, a linked conversation on the target. */
export interface NumberTransferView {
  /** The original conversation, now closed. */
  fromConversationId: string;
  /** The conversation on the target number (new, or the one already open there with this customer). */
  conversationId: string;
  numberId: string;
  departmentId: string;
  /** False when the customer never wrote to the target number within 24 hours: only a template can be sent. */
  windowOpen: boolean;
}

export const transferTargetsQuery = z
  .object({
    /** Limit the numbers to this conversation's WhatsApp account, without its own number. */
    conversationId: z.uuid().optional(),
  })
  .strict();
export type TransferTargetsQuery = z.infer<typeof transferTargetsQuery>;
