import { sameJson } from '@switchboard/engine';
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
 * Whether moving from `before` to `after` can move running deadlines. A recompute selects the policy again for each
 * conversation, so the match and the switch count as much as the targets and the business-hours switch; only the
 * name (and the escalations, read when a deadline fires) change nothing that runs.
 */
export const movesDeadlines = (before: SlaPolicyTimes, after: SlaPolicyTimes): boolean =>
  !sameJson(
    [before.targets, before.businessHours, before.match, before.enabled],
    [after.targets, after.businessHours, after.match, after.enabled],
  );

type SlaPolicyTimes = Pick<SlaPolicy, 'targets' | 'businessHours' | 'match' | 'enabled'>;
