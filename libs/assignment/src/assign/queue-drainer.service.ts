import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { ConversationOwnershipService, OwnershipActor } from '@switchboard/conversations';
import type { AgentCandidate } from '@switchboard/identity';
import { AgentPool } from '../agents/agent-pool.service';
import { matches } from '../choice/agent-fit';
import { QueueRepository } from '../queues/queue.repository';

/** The product itself, as the timeline names automatic assignments. */
export const ASSIGNMENT_ACTOR: OwnershipActor = { type: 'system', id: null, label: 'assignment' };

/** Waiting conversations read per round of a drain. */
const ROUND = 500;

/**
 * Gives waiting conversations to agents, by priority then age, as the queue's strategy, matching and capacity
 * allow. A drain holds its queue's row (`for update`), so drains of one queue run one at a time and the round-robin
 * cursor moves on consistently; many conversations are assigned in one transaction.
 */
@Injectable()
export class QueueDrainer {
  constructor(
    private readonly ownership: ConversationOwnershipService,
    private readonly queues: QueueRepository,
    private readonly pool: AgentPool,
  ) {}

  /**
   * Every queue of the department that has waiting conversations or a row: its own first, then teams by id (one
   * order for every drain, so two never wait on each other's queue rows). Returns how many were assigned.
   */
  async drainDepartment(em: EntityManager, departmentId: string): Promise<number> {
    const configured = await this.queues.list(em, departmentId);
    const waiting = await this.ownership.waiting(em, departmentId, undefined, 1);
    if (!waiting.length) return 0;
    const teams = new Set<string>(await this.ownership.waitingTeams(em, departmentId));
    for (const q of configured) if (q.teamId) teams.add(q.teamId);
    const agents = await this.pool.agents(em, departmentId);
    let assigned = 0;
    for (const teamId of [null, ...[...teams].sort()])
      assigned += await this.drain(em, departmentId, teamId, agents);
    return assigned;
  }

  /** One queue: assigns until nothing waits or no agent can take what does. */
  async drain(
    em: EntityManager,
    departmentId: string,
    teamId: string | null,
    agents?: AgentCandidate[],
  ): Promise<number> {
    const queue = await this.queues.lock(em, departmentId, teamId);
    if (queue.strategy === 'manual') return 0;
    const pool = this.pool.forQueue(agents ?? (await this.pool.agents(em, departmentId)), teamId);
    if (!pool.length) return 0;
    const picker = await this.pool.picker(em, queue, pool);
    let total = 0;
    for (;;) {
      // Skip rows another transaction holds (routing acting on it, a claim): waiting on them while holding agents'
      // locks is how a drain and routing's assignment deadlock.
      const waiting = await this.ownership.waiting(em, departmentId, teamId, ROUND, { skipLocked: true });
      let round = 0;
      for (const [i, conversation] of waiting.entries()) {
        const agent = await picker.pick(
          queue.strategy,
          pool,
          (a) => matches(a, conversation, queue),
          waiting.length - i,
        );
        if (!agent) continue;
        // Compare-and-set: a claim that took it meanwhile wins, and this one moves on.
        const set = await this.ownership.setOwner(em, conversation.conversationId, agent.userId, {
          expectedOwnerUserId: null,
          reason: 'auto',
          by: ASSIGNMENT_ACTOR,
        });
        if (!set) continue;
        picker.taken(agent);
        round++;
      }
      total += round;
      if (!round || waiting.length < ROUND) break;
    }
    if (picker.cursorUserId && picker.cursorUserId !== queue.cursorUserId)
      await this.queues.saveCursor(em, queue, picker.cursorUserId);
    await this.pool.settle(em, departmentId, picker);
    return total;
  }
}
