import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Clock, ConversationSlaState, ConversationSlaStates, SqlFragment, sql } from '@switchboard/engine';
import { LiveClockRow, stateOf } from './sla-state-of';

/**
 * The ConversationSlaStates port over the SLA clocks: for each conversation, its live (running or paused) clocks
 * in one query, and the most urgent of them: a breached one first, then the running one due soonest, then a paused
 * one. 🔴 while a breached clock is still open (or a running one is past its deadline and its timer has not fired
 * yet), 🟡 while a response clock runs (the customer waits), 🟢 otherwise. The conversation and card APIs add 🟡
 * when the customer waits with no clock running (contracts `customerWaits`), as in a department with no policy.
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

  /** The same rule as stateOf, in SQL: breached by its mark or running past due; a response clock running. */
  liveClocksSql(conversationColumn: string, now: Date): SqlFragment {
    return {
      sql: `(select bool_or(k.breached_at is not null or (k.state = 'running' and k.due_at <= ?::timestamptz)) as red,
                    bool_or(k.state = 'running' and k.kind in ('first_response', 'next_response')) as responding,
                    min(k.due_at) filter (where k.state = 'running' or k.breached_at is not null) as due_at
               from sla_clocks k where k.conversation_id = ${conversationColumn} and k.state in ('running', 'paused'))`,
      params: [now],
    };
  }
}
