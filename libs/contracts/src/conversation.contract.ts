import { z } from 'zod';

export const listConversationsQuery = z
  .object({
    departmentId: z.uuid().optional(),
    /** `snoozed`: open and snoozed; `open`: open (snoozed or not); `all`: every status (the default). */
    status: z.enum(['open', 'closed', 'snoozed', 'all']).optional(),
    /** `me`: mine; `none`: nobody's; a user id: theirs. */
    assignee: z.union([z.enum(['me', 'none']), z.uuid()]).optional(),
    label: z.string().trim().toLowerCase().min(1).max(40).optional(),
    priority: z.enum(['low', 'normal', 'high', 'urgent']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type ListConversationsQuery = z.infer<typeof listConversationsQuery>;

export const listMessagesQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    /** Opaque cursor from the previous page (older messages). */
    before: z.string().max(200).optional(),
  })
  .strict();
export type ListMessagesQuery = z.infer<typeof listMessagesQuery>;

export interface ConversationView {
  id: string;
  status: 'open' | 'closed';
  contact: { id: string; waId: string | null; bsuid: string | null; name: string | null };
  department: { id: string; key: string; name: string };
  numberId: string;
  card: { id: string; stageKey: string; stageName: string } | null;
  lastSpeaker: 'customer' | 'agent' | 'system' | null;
  /** 🟢 we replied last, 🟡 customer waiting. */
  ballInCourt: 'team' | 'customer_waiting' | null;
  waitingSince: string | null;
  windowExpiresAt: string | null;
  windowOpen: boolean;
  lastMessage: { id: string; type: string; direction: 'in' | 'out'; body: string | null; at: string } | null;
  lastMessageAt: string | null;
  createdAt: string;
  owner: { id: string; name: string } | null;
  priority: ConversationPriority;
  labels: string[];
  team: { id: string } | null;
  language: string | null;
  /** Snoozed until then; null when not snoozed by time (see snoozedUntilReply). */
  snoozedUntil: string | null;
  snoozedUntilReply: boolean;
  closedAt: string | null;
  /** Since when it waits in its queue for an owner; null while owned. */
  queuedAt: string | null;
}

export interface MessageView {
  id: string;
  wamid: string | null;
  conversationId: string;
  direction: 'in' | 'out';
  type: string;
  body: string | null;
  content: Record<string, unknown>;
  media: Record<string, unknown> | null;
  replyToWamid: string | null;
  status: string;
  error: { code: number | null; title: string; details?: string } | null;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  editedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const CONVERSATION_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type ConversationPriority = (typeof CONVERSATION_PRIORITIES)[number];

const note = z.string().trim().min(1).max(2000);

export const closeConversationRequest = z.object({ note: note.optional() }).strict();
export type CloseConversationRequest = z.infer<typeof closeConversationRequest>;

export const snoozeConversationRequest = z.union([
  z.object({ until: z.iso.datetime({ offset: true }) }).strict(),
  z.object({ untilCustomerReplies: z.literal(true) }).strict(),
]);
export type SnoozeConversationRequest = z.infer<typeof snoozeConversationRequest>;

export const setPriorityRequest = z.object({ priority: z.enum(CONVERSATION_PRIORITIES) }).strict();
export type SetPriorityRequest = z.infer<typeof setPriorityRequest>;

/** Labels are checked (and named when bad) by the service: 1–40 lowercase letters, digits, -, _ or spaces. */
export const changeLabelsRequest = z
  .object({
    add: z.array(z.string().max(200)).max(40).optional(),
    remove: z.array(z.string().max(200)).max(40).optional(),
  })
  .strict()
  .refine((v) => (v.add?.length ?? 0) + (v.remove?.length ?? 0) > 0, { message: 'add or remove a label' });
export type ChangeLabelsRequest = z.infer<typeof changeLabelsRequest>;

export const takeOverRequest = z.object({ note: note.optional() }).strict();
export type TakeOverRequest = z.infer<typeof takeOverRequest>;

export const transferConversationRequest = z
  .object({ departmentId: z.uuid(), note: note.optional() })
  .strict();
export type TransferConversationRequest = z.infer<typeof transferConversationRequest>;

export const conversationPolicyRequest = z
  .object({
    onCustomerMessageAfterClose: z.enum(['reopen', 'new']),
    reopenWindowMinutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 90)
      .default(1440),
  })
  .strict();
export type ConversationPolicyRequest = z.infer<typeof conversationPolicyRequest>;

export interface ConversationPolicyView {
  departmentId: string;
  onCustomerMessageAfterClose: 'reopen' | 'new';
  reopenWindowMinutes: number;
  updatedAt: string | null;
}

export interface LabelsView {
  labels: string[];
}
