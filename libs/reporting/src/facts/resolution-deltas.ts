import { ConversationFact } from './conversation-fact';

/** A conversation's recorded resolution as the duration rollup counts it, and whether to add or take it away. */
export interface ResolutionDelta {
  departmentId: string;
  numberId: string;
  teamId: string | null;
  userId: string | null;
  at: Date;
  ms: number;
  delta: 1 | -1;
}

type Resolution = Omit<ResolutionDelta, 'delta'>;

/** What the rollup counts for a fact: its current resolution, when it is closed with one. */
export function resolutionOf(f: ConversationFact): Resolution | null {
  if (!f.closedAt || f.resolutionMs === null) return null;
  return {
    departmentId: f.departmentId,
    numberId: f.numberId,
    teamId: f.resolvedTeamId,
    userId: f.resolvedByUserId,
    at: f.closedAt,
    ms: f.resolutionMs,
  };
}

const same = (a: Resolution, b: Resolution) =>
  a.departmentId === b.departmentId &&
  a.numberId === b.numberId &&
  a.teamId === b.teamId &&
  a.userId === b.userId &&
  a.at.getTime() === b.at.getTime() &&
  a.ms === b.ms;

/**
 * The rollup's changes for the facts a batch changed: the resolution counted before taken away and the one now
 * added (a reopen takes away, a close adds, a transfer of a closed conversation moves it). Facts unchanged, or
 * replayed events the batch skipped, give none, so the rollup stays what the facts say.
 */
export function resolutionDeltas(
  before: ReadonlyMap<string, Resolution | null>,
  after: Iterable<ConversationFact>,
): ResolutionDelta[] {
  const deltas: ResolutionDelta[] = [];
  for (const fact of after) {
    const was = before.get(fact.conversationId) ?? null;
    const now = resolutionOf(fact);
    if (was && now && same(was, now)) continue;
    if (was) deltas.push({ ...was, delta: -1 });
    if (now) deltas.push({ ...now, delta: 1 });
  }
  return deltas;
}
