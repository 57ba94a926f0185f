import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  Clock,
  ConversationSlaState,
  ConversationSlaStates,
  SlaClockKind,
  SlaStatus,
  sql,
} from '@switchboard/engine';

interface LiveClockRow {
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

/**
 * The ConversationSlaStates port over the SLA clocks: for each conversation, its live (running or paused) clocks
 * in one query, and the most urgent of them: a breached one first, then the running one due soonest, then a paused
 * one. 🔴 while a breached clock is still open (or a running one is past its deadline and its timer has not fired
 * yet), 🟡 while a response clock runs (the customer waits), 🟢 otherwise.
 */
@Injectable()
export class SlaConversationStates extends ConversationSlaStates {
  constructor(private readonly clock: Clock) {
    super();
  }

  async of(em: EntityManager, ids: readonly string[]): Promise<Map<string, ConversationSlaState>> {
    if (!ids.length) return new Map();
    const rows = await sql<LiveClockRow>(
      em,
      `select conversation_id, kind, state, policy_id, due_at, warn_at, warned_at, breached_at from sla_clocks
        where conversation_id = any(?::uuid[]) and state in ('running', 'paused')`,
      [[...new Set(ids)]],
      'sla_conversation_states',
    );
    const now = this.clock.now().getTime();
    const byConversation = new Map<string, LiveClockRow[]>();
    for (const r of rows) {
      const list = byConversation.get(r.conversation_id) ?? [];
      list.push(r);
      byConversation.set(r.conversation_id, list);
    }
    const states = new Map<string, ConversationSlaState>();
    for (const [conversationId, clocks] of byConversation) states.set(conversationId, stateOf(clocks, now));
    return states;
  }
}

/** Breached (by its mark, or past due while running) at `now`. */
const breached = (c: LiveClockRow, now: number) =>
  c.breached_at !== null || (c.state === 'running' && (time(c.due_at) ?? Infinity) <= now);

/** Lower is more urgent: breached first, then running by due time, then paused. */
function urgency(c: LiveClockRow, now: number): [number, number] {
  if (breached(c, now)) return [0, time(c.due_at) ?? time(c.breached_at) ?? 0];
  if (c.state === 'running') return [1, time(c.due_at) ?? Infinity];
  return [2, 0];
}

function stateOf(clocks: LiveClockRow[], now: number): ConversationSlaState {
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
