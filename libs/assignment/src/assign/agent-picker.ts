import { EntityManager } from '@mikro-orm/postgresql';
import type { QueueStrategy } from '@switchboard/contracts';
import type { ConversationOwnershipService } from '@switchboard/conversations';
import type { AgentCandidate } from '@switchboard/identity';
import { chooseAgent, ChoiceState } from '../choice/agent-choice';
import { tryLockAgents } from './agent-lock';

/** Most agents locked ahead in one statement. */
const LOCK_AHEAD = 50;

/**
 * Chooses agents for many conversations in one transaction (a drain, a hand-over): the strategy picks, then the
 * agent's lock is taken (without waiting) and their load re-counted under it before the first conversation they get
 * here; after that this transaction holds the lock and counts their new conversations itself.
 */
export class AgentPicker {
  private readonly locked = new Set<string>();
  private readonly busy = new Set<string>();
  /** Agents given a conversation here, with when (for assignment_agent_marks). */
  readonly assigned = new Map<string, Date>();

  constructor(
    private readonly em: EntityManager,
    private readonly departmentId: string,
    private readonly ownership: ConversationOwnershipService,
    private readonly state: ChoiceState,
    private readonly now: Date,
  ) {}

  get cursorUserId(): string | null {
    return this.state.cursorUserId;
  }

  /**
   * An agent locked and under capacity that `strategy` gives this conversation to, or null. `ahead`: how many more
   * conversations this drain will ask for; round robin then locks the next agents in turn with this one, in one
   * statement, and counts their loads in one more (instead of two statements per agent).
   */
  async pick(
    strategy: QueueStrategy,
    pool: AgentCandidate[],
    fits: (agent: AgentCandidate) => boolean,
    ahead = 1,
  ): Promise<AgentCandidate | null> {
    const free = (a: AgentCandidate) => !this.busy.has(a.userId) && fits(a);
    for (;;) {
      const agent = chooseAgent(strategy, pool, free, this.state);
      if (!agent || this.locked.has(agent.userId)) return agent;
      const batch = [
        agent.userId,
        ...(strategy === 'round_robin' ? this.nextInTurn(pool, agent, ahead) : []),
      ];
      const locked = await tryLockAgents(this.em, this.departmentId, batch);
      for (const id of batch) if (!locked.has(id)) this.busy.add(id);
      if (locked.size) {
        const fresh = await this.ownership.openLoad(this.em, this.departmentId, [...locked]);
        for (const id of locked) {
          this.locked.add(id);
          this.state.load.set(id, fresh.get(id) ?? 0);
        }
      }
      if (locked.has(agent.userId) && (this.state.load.get(agent.userId) ?? 0) < this.state.capacity(agent))
        return agent;
    }
  }

  /** Up to `ahead - 1` agents after `agent` in pool order (wrapping), neither locked nor busy yet. */
  private nextInTurn(pool: AgentCandidate[], agent: AgentCandidate, ahead: number): string[] {
    const want = Math.min(ahead, LOCK_AHEAD) - 1;
    const from = pool.indexOf(agent);
    const ids: string[] = [];
    for (let i = 1; i < pool.length && ids.length < want; i++) {
      const id = pool[(from + i) % pool.length].userId;
      if (!this.locked.has(id) && !this.busy.has(id)) ids.push(id);
    }
    return ids;
  }

  /** The agent got the conversation: their load and turn move on. */
  taken(agent: AgentCandidate): void {
    this.state.load.set(agent.userId, (this.state.load.get(agent.userId) ?? 0) + 1);
    this.state.lastAssigned.set(agent.userId, this.now);
    this.state.cursorUserId = agent.userId;
    this.assigned.set(agent.userId, this.now);
  }
}
