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
    /** The WhatsApp number (id) the conversation came through. */
    numberId: z.uuid().optional(),
    /** The key of the stage its card stands in (e.g. `qualified`). */
    stage: z.string().trim().min(1).max(60).optional(),
    /** Its SLA state as the list shows it (🟢 green, 🟡 yellow, 🔴 red). */
    sla: z.enum(['green', 'yellow', 'red']).optional(),
    /** Contact name (contains, any case) or phone number (starts with, digits only). */
    q: z.string().trim().min(1).max(100).optional(),
    /**
     * `recent`: newest activity first (the default); `waiting`: the customer waiting longest first, then the rest;
     * `deadline`: the soonest SLA deadline (overdue first), then those without one.
     */
    sort: z.enum(['recent', 'waiting', 'deadline']).default('recent'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** From the previous page's `nextCursor`, with the same filters and sort. */
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

/**
 * A conversation's SLA state as lists and screens show it: 🟢 `green` we spoke last, 🟡 `yellow` the customer waits
 * (a response clock runs, or the customer spoke last and the team has not set the conversation aside: also with no
 * SLA policy, then with no deadline), 🔴 `red` a deadline passed. The times are computed when read.
 */
export interface ConversationSlaView {
  status: 'green' | 'yellow' | 'red';
  /** Past the warning threshold of the clock shown. */
  warning: boolean;
  /** The most urgent live clock (`first_response`, `next_response`, `resolution`, `stage:<key>`); null: none. */
  clockKind: string | null;
  /** Its deadline; null when none runs or it is paused. */
  dueAt: string | null;
  /** Until the deadline, when it is ahead; else null. */
  timeLeftMs: number | null;
  /** Past the deadline, when it has passed; else null. */
  overdueMs: number | null;
  /** The clock is paused (waiting on the customer, or snoozed). */
  paused: boolean;
}

/** Meta's 24-hour free-reply window: after it closes, replies must be templates until the customer writes again. */
export interface ConversationWindowView {
  /** When it closes (or closed); null: the customer never wrote. */
  closesAt: string | null;
  open: boolean;
  /** Only a template can be sent now. */
  templateOnly: boolean;
}

/** What the SLA state is read from (the engine's ConversationSlaState fits); absent: no live clock. */
export interface SlaStateSource {
  status: ConversationSlaView['status'];
  warning: boolean;
  clockKind: string | null;
  dueAt: Date | null;
  paused: boolean;
}

/** What decides whether the customer waits on the team, as a conversation or card row has it. */
export interface CustomerWaitFacts {
  status: 'open' | 'closed';
  lastSpeaker: ConversationView['lastSpeaker'];
  snoozed: boolean;
  /** Its card is in a `waiting` (on the customer) stage category. */
  waitingStage: boolean;
}

/**
 * The customer waits when they spoke last in an open conversation the team has not set aside for them (snoozed, or
 * its card in a waiting-on-customer stage): the same cases in which an SLA clock pauses.
 */
export const customerWaits = (f: CustomerWaitFacts): boolean =>
  f.status === 'open' && f.lastSpeaker === 'customer' && !f.snoozed && !f.waitingStage;

/**
 * The SLA view at `now`: time left before the deadline, or overdue after it. `customerWaiting` (customerWaits) makes
 * it 🟡 short of 🔴 even when no clock runs: a department without a policy, or a policy without a response target,
 * still shows who holds the ball.
 */
export function slaView(
  state: SlaStateSource | undefined,
  now: Date,
  customerWaiting: boolean,
): ConversationSlaView {
  if (!state)
    return {
      status: customerWaiting ? 'yellow' : 'green',
      warning: false,
      clockKind: null,
      dueAt: null,
      timeLeftMs: null,
      overdueMs: null,
      paused: false,
    };
  const left = state.dueAt ? state.dueAt.getTime() - now.getTime() : null;
  return {
    status: state.status === 'green' && customerWaiting ? 'yellow' : state.status,
    warning: state.warning,
    clockKind: state.clockKind,
    dueAt: state.dueAt ? state.dueAt.toISOString() : null,
    timeLeftMs: left !== null && left > 0 ? left : null,
    overdueMs: left !== null && left <= 0 ? -left : null,
    paused: state.paused,
  };
}

/** The window view at `now`, from when it closes (null: the customer never wrote, so templates only). */
export function windowView(closesAt: Date | string | null, now: Date): ConversationWindowView {
  const at = closesAt ? new Date(closesAt) : null;
  const open = at !== null && at.getTime() > now.getTime();
  return { closesAt: at ? at.toISOString() : null, open, templateOnly: !open };
}

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
  /** Since when the customer has been waiting for an answer, or null. */
  waitingSince: string | null;
  window: ConversationWindowView;
  sla: ConversationSlaView;
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
  /**
   * Customer messages after the caller's read mark (POST …/read), counted up to UNREAD_COUNT_CAP: the cap means
   * "that many or more" (the web app shows 99+).
   */
  unreadCount: number;
}

/** unreadCount stops counting here, so a conversation with thousands of unread messages costs no more to list. */
export const UNREAD_COUNT_CAP = 100;

/** POST /api/conversations/:id/read: read up to this message (its conversation's); without it, everything now. */
export const markReadRequest = z.strictObject({ messageId: z.uuid().optional() });
export type MarkReadRequest = z.infer<typeof markReadRequest>;

/** The caller's read mark on a conversation: the last customer message they have read, and what is left. */
export interface ConversationReadView {
  conversationId: string;
  /** As in ConversationView: customer messages after the mark, up to UNREAD_COUNT_CAP. */
  unreadCount: number;
  /** The last customer message read; null: none read yet. */
  lastReadMessageId: string | null;
  /** When that message was stored (the order unread messages are counted in). */
  lastReadMessageAt: string | null;
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
