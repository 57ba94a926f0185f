import { z } from 'zod';
import { ROUTING_PRIORITIES } from './routing.contract';

/** The clocks a policy sets targets for; `stage` clocks run per pipeline stage (targets.stages). */
export const SLA_CLOCK_KINDS = ['first_response', 'next_response', 'resolution', 'stage'] as const;
export type SlaClockKind = (typeof SLA_CLOCK_KINDS)[number];

export const SLA_ESCALATION_ACTIONS = ['raise_priority', 'return_to_queue', 'assign_user'] as const;
export type SlaEscalationAction = (typeof SLA_ESCALATION_ACTIONS)[number];

const key = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lowercase letters, digits and _ only (at most 40)');
const uuid = z.uuid();
/** 90 days, the longest target a plugin may declare. */
const MAX_MINUTES = 60 * 24 * 90;

/**
 * One deadline: 🔴 `breachMinutes` after the clock starts (business or wall minutes, per the policy), 🟡 from
 * `warningMinutes` (0: yellow from the start). The warning must come before the deadline.
 */
export const slaTarget = z
  .strictObject({
    warningMinutes: z.number().int().min(0).max(MAX_MINUTES),
    breachMinutes: z.number().int().min(1).max(MAX_MINUTES),
  })
  .superRefine((t, ctx) => {
    if (t.warningMinutes >= t.breachMinutes)
      ctx.addIssue({
        code: 'custom',
        path: ['warningMinutes'],
        message: `must be before the deadline (breachMinutes ${t.breachMinutes})`,
      });
  });
export type SlaTarget = z.infer<typeof slaTarget>;

export const slaTargets = z
  .strictObject({
    firstResponse: slaTarget.optional(),
    nextResponse: slaTarget.optional(),
    resolution: slaTarget.optional(),
    /** Time in a stage of the department's pipeline, by stage key. */
    stages: z
      .record(key, slaTarget)
      .refine((s) => Object.keys(s).length <= 50, 'at most 50 stages')
      .optional(),
  })
  .refine(
    (t) => Boolean(t.firstResponse || t.nextResponse || t.resolution || Object.keys(t.stages ?? {}).length),
    'give at least one target (firstResponse, nextResponse, resolution or a stage)',
  );
export type SlaTargets = z.infer<typeof slaTargets>;

/** Which conversations the policy applies to: every list given must hold; an empty or absent list matches any. */
export const slaMatch = z.strictObject({
  numberIds: z.array(uuid).max(50).optional(),
  priorities: z.array(z.enum(ROUTING_PRIORITIES)).max(4).optional(),
  /** Triage intent keys of the department plugin (the routing decision's intent). */
  requestTypes: z.array(key).max(50).optional(),
});
export type SlaMatch = z.infer<typeof slaMatch>;

/** What happens when a clock reaches its warning or its deadline (sla.warning/sla.breached are published anyway). */
export const slaEscalation = z
  .strictObject({
    on: z.enum(['warning', 'breach']),
    clock: z.enum([...SLA_CLOCK_KINDS, 'any'] as const),
    action: z.enum(SLA_ESCALATION_ACTIONS),
    /** assign_user only: an agent or supervisor of the department. */
    userId: uuid.optional(),
  })
  .superRefine((e, ctx) => {
    if (e.action === 'assign_user' && !e.userId)
      ctx.addIssue({ code: 'custom', path: ['userId'], message: 'assign_user needs the user to assign to' });
    if (e.action !== 'assign_user' && e.userId)
      ctx.addIssue({ code: 'custom', path: ['userId'], message: `${e.action} takes no userId` });
  });
export type SlaEscalation = z.infer<typeof slaEscalation>;

const policyFields = {
  /** Unique in the department. */
  key,
  name: z.string().trim().min(1).max(120),
  enabled: z.boolean().optional(),
  match: slaMatch.optional(),
  targets: slaTargets,
  /** True: minutes count the department's business calendar only; false: the wall clock. */
  businessHours: z.boolean().optional(),
  escalations: z.array(slaEscalation).max(20).optional(),
};

/** POST /api/departments/:id/sla-policies (appended at the end of the order). */
export const createSlaPolicyRequest = z.strictObject(policyFields);
export type CreateSlaPolicyRequest = z.infer<typeof createSlaPolicyRequest>;

/** PUT /api/sla-policies/:id: the fields given replace the stored ones; a plugin's policy takes `enabled` only. */
export const updateSlaPolicyRequest = z.strictObject({
  name: policyFields.name.optional(),
  enabled: policyFields.enabled,
  match: policyFields.match,
  targets: slaTargets.optional(),
  businessHours: policyFields.businessHours,
  escalations: policyFields.escalations,
});
export type UpdateSlaPolicyRequest = z.infer<typeof updateSlaPolicyRequest>;

/** PUT /api/departments/:id/sla-policies/order: these policies first, in this order; the others follow as they were. */
export const orderSlaPoliciesRequest = z.strictObject({ ids: z.array(uuid).min(1).max(1000) });
export type OrderSlaPoliciesRequest = z.infer<typeof orderSlaPoliciesRequest>;

/** Targets as stored and answered: every kind present (null: no target). */
export interface SlaTargetsView {
  firstResponse: SlaTarget | null;
  nextResponse: SlaTarget | null;
  resolution: SlaTarget | null;
  stages: Record<string, SlaTarget>;
}

export interface SlaMatchView {
  numberIds: string[];
  priorities: (typeof ROUTING_PRIORITIES)[number][];
  requestTypes: string[];
}

export interface SlaPolicyView {
  id: string;
  departmentId: string;
  key: string;
  name: string;
  source: 'admin' | 'plugin';
  pluginId: string | null;
  enabled: boolean;
  position: number;
  match: SlaMatchView;
  targets: SlaTargetsView;
  businessHours: boolean;
  escalations: SlaEscalation[];
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
}
