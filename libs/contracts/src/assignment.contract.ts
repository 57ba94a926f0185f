import { z } from 'zod';

/** How a queue picks an agent: the next in turn, the least loaded, or nobody (agents claim, supervisors assign). */
export const QUEUE_STRATEGIES = ['round_robin', 'least_loaded', 'manual'] as const;
export type QueueStrategy = (typeof QUEUE_STRATEGIES)[number];

/** What happens to an agent's open conversations when they go offline or their shift ends. */
export const HANDOVER_POLICIES = ['return_to_queue', 'reassign', 'keep'] as const;
export type HandoverPolicy = (typeof HANDOVER_POLICIES)[number];

/** PUT /api/departments/:id/queues/default and PUT /api/departments/:id/queues/teams/:teamId. */
export const setQueueRequest = z.strictObject({
  /** One of QUEUE_STRATEGIES; an unknown one is refused with 422 naming it (checked by the service). */
  strategy: z.string().trim().min(1).max(40),
  matchLanguage: z.boolean().optional(),
  matchSkills: z.boolean().optional(),
  whenAgentOffline: z.enum(HANDOVER_POLICIES).optional(),
  atShiftEnd: z.enum(HANDOVER_POLICIES).optional(),
});
export type SetQueueRequest = z.infer<typeof setQueueRequest>;

/** A queue as configured (a department or team without a row shows the defaults). */
export interface QueueView {
  departmentId: string;
  /** null: the department's own queue. */
  teamId: string | null;
  strategy: QueueStrategy;
  matchLanguage: boolean;
  matchSkills: boolean;
  whenAgentOffline: HandoverPolicy;
  atShiftEnd: HandoverPolicy;
  updatedAt: string | null;
}

/** GET /api/departments/:id/queue?teamId= */
export const queueWaitingQuery = z.strictObject({
  teamId: z.string().uuid('teamId must be a UUID').optional(),
});
export type QueueWaitingQuery = z.infer<typeof queueWaitingQuery>;

/** A conversation waiting for an owner, in the order the queue serves them (priority, then age). */
export interface WaitingConversationView {
  conversationId: string;
  teamId: string | null;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  language: string | null;
  requiredSkills: string[];
  queuedAt: string | null;
}

/** PUT /api/conversations/:id/assignee: an agent of the conversation's department, or null (back to the queue). */
export const setAssigneeRequest = z.strictObject({
  userId: z.string().uuid('userId must be a UUID').nullable(),
});
export type SetAssigneeRequest = z.infer<typeof setAssigneeRequest>;

/** The answer of a claim or a manual assignment. */
export interface AssigneeView {
  conversationId: string;
  ownerUserId: string | null;
}
