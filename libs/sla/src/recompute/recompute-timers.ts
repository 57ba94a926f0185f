/** One batch of conversations recomputed after an edit, carrying the keyset cursor to the next batch. */
export const RECOMPUTE_TIMER = 'sla.recompute';

/** Conversations per batch: each batch is one transaction holding their rows' locks. */
export const RECOMPUTE_BATCH = 200;

export type RecomputeScope = 'policy' | 'calendar' | 'department';

/** What the recompute timers carry. */
export interface RecomputePayload extends Record<string, unknown> {
  /**
   * A policy's live clocks; the running business-hours clocks of a department (its calendar); or every open
   * conversation of a department (its set or order of policies).
   */
  scope: RecomputeScope;
  /** The policy's or the department's id. */
  id: string;
  /** The edit's event (`name@position`): the cause of every `recomputed` transition it brings. */
  cause: string;
  /** The last conversation done (by id); null before the first batch. */
  after: string | null;
}

/** One key per policy or department: a newer edit replaces a recompute under way, which then starts over. */
export const recomputeKey = (scope: RecomputeScope, id: string): string => `sla-recompute:${scope}:${id}`;
