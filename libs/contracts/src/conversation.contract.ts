import { z } from 'zod';

export const listConversationsQuery = z
  .object({
    departmentId: z.uuid().optional(),
    status: z.enum(['open', 'closed']).optional(),
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
