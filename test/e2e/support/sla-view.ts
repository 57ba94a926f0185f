/**
 * GET /api/conversations/:id/sla as the SLA specs read it, written here by hand from the API's contract (not
 * imported from the product) so a changed answer fails the specs instead of silently changing with them.
 */
export interface ClockView {
  id: string;
  kind: string;
  state: string;
  policyId: string;
  startedAt: string;
  elapsedMs: number;
  dueAt: string | null;
  warnAt: string | null;
  warnedAt: string | null;
  breachedAt: string | null;
  finishedAt: string | null;
  byUserId: string | null;
}

export interface TransitionView {
  clockId: string;
  kind: string;
  at: string;
  transition: string;
  cause: string;
  elapsedMs: number;
  dueAt: string | null;
}

export interface SlaView {
  conversationId: string;
  clocks: ClockView[];
  transitions: TransitionView[];
  truncated: boolean;
}
