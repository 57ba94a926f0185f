import { EntityManager } from '@mikro-orm/postgresql';
import type { QueueStrategy } from '@switchboard/contracts';
import type { ConversationOwnershipService } from '@switchboard/conversations';
import type { AgentCandidate } from '@switchboard/identity';
import { chooseAgent, ChoiceState } from '../choice/agent-choice';
import { tryLockAgent } from './agent-lock';

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

  /** An agent locked and under capacity that `strategy` gives this conversation to, or null. */
  async pick(
    strategy: QueueStrategy,
    pool: AgentCandidate[],
    fits: (agent: AgentCandidate) => boolean,
  ): Promise<AgentCandidate | null> {
    const free = (a: AgentCandidate) => !this.busy.has(a.userId) && fits(a);
    for (;;) {
      const agent = chooseAgent(strategy, pool, free, this.state);
      if (!agent || this.locked.has(agent.userId)) return agent;
      if (!(await tryLockAgent(this.em, this.departmentId, agent.userId))) {
        this.busy.add(agent.userId);
        continue;
      }
      this.locked.add(agent.userId);
      const fresh = await this.ownership.openLoad(this.em, this.departmentId, [agent.userId]);
      this.state.load.set(agent.userId, fresh.get(agent.userId) ?? 0);
      if ((fresh.get(agent.userId) ?? 0) < this.state.capacity(agent)) return agent;
    }
  }

  /** The agent got the conversation: their load and turn move on. */
  taken(agent: AgentCandidate): void {
    this.state.load.set(agent.userId, (this.state.load.get(agent.userId) ?? 0) + 1);
    this.state.lastAssigned.set(agent.userId, this.now);
    this.state.cursorUserId = agent.userId;
    this.assigned.set(agent.userId, this.now);
  }
}
