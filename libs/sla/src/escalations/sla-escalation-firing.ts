import type { SlaClockKind } from '@switchboard/engine';

/** What an escalation does: one priority step up, back to the queue, or to a named supervisor or agent. */
export type SlaEscalationAction = 'raise_priority' | 'return_to_queue' | 'assign_user';

/** One escalation of a policy, as the policy declares it. */
export interface SlaEscalationRule {
  on: 'warning' | 'breach';
  /** The clock kind it watches (`stage` for any stage clock), or `any`. */
  clock: string;
  action: SlaEscalationAction;
  /** The person `assign_user` gives the conversation to. */
  userId?: string | null;
}

/** The part of a policy escalations read (structural, so the policies' own type fits). */
export interface SlaEscalationPolicy {
  id: string;
  name: string;
  escalations: readonly SlaEscalationRule[];
}

/** A clock that reached its warning threshold or its deadline, as the clock's timer handler hands it over. */
export interface SlaEscalationFiring {
  clockId: string;
  conversationId: string;
  departmentId: string;
  kind: SlaClockKind;
  on: 'warning' | 'breach';
  policy: SlaEscalationPolicy;
}

/** Whether an escalation watching `watched` applies to a clock of `kind`. */
export function watches(watched: string, kind: SlaClockKind): boolean {
  if (watched === 'any' || watched === kind) return true;
  return watched === 'stage' && kind.startsWith('stage:');
}
