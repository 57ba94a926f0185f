import type { ConversationSlaState, SlaClockKind, SlaStatus } from '@switchboard/engine';

/** A running or paused clock, as the state is read from it. */
export interface LiveClockRow {
  conversation_id: string;
  kind: SlaClockKind;
  state: 'running' | 'paused';
  policy_id: string;
  due_at: Date | null;
  warn_at: Date | null;
  warned_at: Date | null;
  breached_at: Date | null;
}

const RESPONSE_KINDS: ReadonlySet<string> = new Set(['first_response', 'next_response']);
const time = (d: Date | null) => (d ? new Date(d).getTime() : null);

/** Breached (by its mark, or past due while running) at `now`. */
const breached = (c: LiveClockRow, now: number) =>
  c.breached_at !== null || (c.state === 'running' && (time(c.due_at) ?? Infinity) <= now);

/** Lower is more urgent: breached first, then running by due time, then paused. */
function urgency(c: LiveClockRow, now: number): [number, number] {
  if (breached(c, now)) return [0, time(c.due_at) ?? time(c.breached_at) ?? 0];
  if (c.state === 'running') return [1, time(c.due_at) ?? Infinity];
  return [2, 0];
}

/** The state a conversation's live clocks give at `now` (ms); `clocks` is not empty. */
export function stateOf(clocks: LiveClockRow[], now: number): ConversationSlaState {
  const [top] = [...clocks].sort((a, b) => {
    const [ua, ta] = urgency(a, now);
    const [ub, tb] = urgency(b, now);
    return ua - ub || ta - tb || a.kind.localeCompare(b.kind);
  });
  const status: SlaStatus = clocks.some((c) => breached(c, now))
    ? 'red'
    : clocks.some((c) => c.state === 'running' && RESPONSE_KINDS.has(c.kind))
      ? 'yellow'
      : 'green';
  const warning =
    top.warned_at !== null ||
    (top.state === 'running' && (time(top.warn_at) ?? Infinity) <= now) ||
    breached(top, now);
  return {
    status,
    warning,
    clockKind: top.kind,
    dueAt: top.due_at ? new Date(top.due_at) : null,
    warnAt: top.warn_at ? new Date(top.warn_at) : null,
    breachedAt: top.breached_at ? new Date(top.breached_at) : null,
    paused: top.state === 'paused',
    policyId: top.policy_id,
  };
}
