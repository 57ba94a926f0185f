import type { QueueStrategy } from '@switchboard/contracts';
import type { AgentCandidate } from '@switchboard/identity';

/** What a strategy knows of the agents while it chooses. */
export interface ChoiceState {
  /** Open conversations each agent owns in the department now. */
  load: Map<string, number>;
  capacity: (agent: AgentCandidate) => number;
  /** When each agent was last given a conversation (never: absent). */
  lastAssigned: Map<string, Date>;
  /** Round-robin: the agent who had the last turn. */
  cursorUserId: string | null;
}

/**
 * The agent a strategy gives the conversation to among `pool` (sorted by user id), considering only those `fits`
 * accepts and under capacity; null when none. round_robin: the first after the cursor, wrapping around.
 * least_loaded: the lowest open load; ties go to the one assigned longest ago (never first), then the lower user id.
 * manual: nobody, ever.
 */
export function chooseAgent(
  strategy: QueueStrategy,
  pool: AgentCandidate[],
  fits: (agent: AgentCandidate) => boolean,
  state: ChoiceState,
): AgentCandidate | null {
  const open = (a: AgentCandidate) => (state.load.get(a.userId) ?? 0) < state.capacity(a) && fits(a);
  if (strategy === 'manual' || !pool.length) return null;
  if (strategy === 'round_robin') {
    const cursor = state.cursorUserId;
    const start = cursor === null ? 0 : pool.findIndex((a) => a.userId > cursor);
    const from = start < 0 ? 0 : start;
    for (let i = 0; i < pool.length; i++) {
      const agent = pool[(from + i) % pool.length];
      if (open(agent)) return agent;
    }
    return null;
  }
  let best: AgentCandidate | null = null;
  for (const agent of pool) {
    if (!open(agent)) continue;
    if (!best || before(agent, best, state)) best = agent;
  }
  return best;
}

function before(a: AgentCandidate, b: AgentCandidate, state: ChoiceState): boolean {
  const la = state.load.get(a.userId) ?? 0;
  const lb = state.load.get(b.userId) ?? 0;
  if (la !== lb) return la < lb;
  const ta = state.lastAssigned.get(a.userId)?.getTime() ?? -Infinity;
  const tb = state.lastAssigned.get(b.userId)?.getTime() ?? -Infinity;
  if (ta !== tb) return ta < tb;
  return a.userId < b.userId;
}
