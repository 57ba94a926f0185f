import { DomainEventInput, sameJson } from '@switchboard/engine';
import type {
  SlaMatch,
  SlaMatchView,
  SlaPolicyView,
  SlaTargets,
  SlaTargetsView,
} from '@switchboard/contracts';

/** An SLA policy as stored: the API's view with real dates. */
export type SlaPolicy = Omit<SlaPolicyView, 'createdAt' | 'updatedAt'> & { createdAt: Date; updatedAt: Date };

/** What `SlaPolicyBook.select` matches a conversation on. */
export interface SlaPolicyQuery {
  departmentId: string;
  numberId: string | null;
  priority: string;
  /** The routing decision's triage intent; null when none was recognised. */
  requestType: string | null;
}

export function toPolicyView(p: SlaPolicy): SlaPolicyView {
  return { ...p, createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString() };
}

/** Every list present (empty: any), so readers need no defaults. */
export const matchView = (m: SlaMatch | undefined): SlaMatchView => ({
  numberIds: m?.numberIds ?? [],
  priorities: m?.priorities ?? [],
  requestTypes: m?.requestTypes ?? [],
});

/** Every kind present (null: no target). */
export const targetsView = (t: SlaTargets): SlaTargetsView => ({
  firstResponse: t.firstResponse ?? null,
  nextResponse: t.nextResponse ?? null,
  resolution: t.resolution ?? null,
  stages: t.stages ?? {},
});

/** Every list given must hold the conversation's value; an empty list holds any. */
export function policyMatches(match: SlaMatchView, q: SlaPolicyQuery): boolean {
  const accepts = (list: readonly string[], value: string | null) =>
    !list.length || (value !== null && list.includes(value));
  return (
    accepts(match.numberIds, q.numberId) &&
    accepts(match.priorities, q.priority) &&
    accepts(match.requestTypes, q.requestType)
  );
}

/**
 * The event an edit publishes so running clocks follow it, or null when it moves nothing (a rename, new escalations,
 * read when a deadline fires). A new match or switch can change which policy any open conversation of the department
 * selects: all of them select again. New targets or business-hours switch move only the clocks under this policy.
 */
export function policyEditEvent(before: SlaPolicy, after: SlaPolicyTimes): DomainEventInput | null {
  if (!sameJson([before.match, before.enabled], [after.match, after.enabled]))
    return { name: 'sla.policies_changed', payload: { departmentId: before.departmentId, change: 'edited' } };
  if (!sameJson([before.targets, before.businessHours], [after.targets, after.businessHours]))
    return {
      name: 'sla.policy_changed',
      payload: { policyId: before.id, departmentId: before.departmentId },
    };
  return null;
}

type SlaPolicyTimes = Pick<SlaPolicy, 'targets' | 'businessHours' | 'match' | 'enabled'>;
