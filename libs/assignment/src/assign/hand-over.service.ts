import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { HandoverPolicy } from '@switchboard/contracts';
import { ConversationOwnershipService } from '@switchboard/conversations';
import type { AgentCandidate } from '@switchboard/identity';
import { AgentPool } from '../agents/agent-pool.service';
import { matches } from '../choice/agent-fit';
import { QueueRepository } from '../queues/queue.repository';
import type { QueueSettings } from '../queues/queue-settings';
import type { AgentPicker } from './agent-picker';
import { ASSIGNMENT_ACTOR } from './queue-drainer.service';

/** Why an agent's conversations are handed over. */
export type HandoverTrigger = 'offline' | 'shift_end';

/**
 * Applies a queue's policy to the open conversations of an agent who went offline or whose shift ended: return each
 * to its queue, hand it to another eligible agent (by the queue's strategy; back to the queue when nobody can take
 * it), or keep it. Each change writes a hand-over line on the card timeline naming the agent and why.
 */
@Injectable()
export class HandOver {
  constructor(
    private readonly ownership: ConversationOwnershipService,
    private readonly queues: QueueRepository,
    private readonly pool: AgentPool,
  ) {}

  /** Returns how many conversations left the agent. */
  async apply(
    em: EntityManager,
    agent: AgentCandidate,
    trigger: HandoverTrigger,
    agents: AgentCandidate[],
  ): Promise<number> {
    const departmentId = agent.departmentId;
    const owned = await this.ownership.ownedBy(em, departmentId, agent.userId);
    const queues = new Map<string, QueueSettings>();
    const pickers = new Map<string, AgentPicker>();
    const why = trigger === 'offline' ? `${agent.name} went offline` : `${agent.name}'s shift ended`;
    let moved = 0;
    for (const conversationId of owned) {
      const current = await this.ownership.lock(em, conversationId);
      if (!current || current.status !== 'open' || current.ownerUserId !== agent.userId) continue;
      const queueKey = current.teamId ?? '';
      let queue = queues.get(queueKey);
      if (!queue) {
        queue = await this.queues.get(em, departmentId, current.teamId);
        queues.set(queueKey, queue);
      }
      const policy: HandoverPolicy = trigger === 'offline' ? queue.whenAgentOffline : queue.atShiftEnd;
      if (policy === 'keep') continue;
      let to: AgentCandidate | null = null;
      if (policy === 'reassign') {
        let picker = pickers.get(queueKey);
        const pool = this.pool.forQueue(agents, current.teamId).filter((a) => a.userId !== agent.userId);
        if (!picker) {
          picker = await this.pool.picker(em, queue, pool);
          pickers.set(queueKey, picker);
        }
        // A manual queue assigns nothing by itself, but its supervisor asked for hand-overs: least-loaded decides.
        const strategy = queue.strategy === 'manual' ? 'least_loaded' : queue.strategy;
        to = await picker.pick(strategy, pool, (a) => matches(a, current, queue));
        if (to) picker.taken(to);
      }
      const set = await this.ownership.setOwner(em, conversationId, to ? to.userId : null, {
        expectedOwnerUserId: agent.userId,
        reason: 'handover',
        by: ASSIGNMENT_ACTOR,
        note: to
          ? `Handed over from ${agent.name} to ${to.name}: ${why}`
          : `Returned to the queue: ${why}${policy === 'reassign' ? ' (no other agent could take it)' : ''}`,
      });
      if (set) moved++;
    }
    for (const [queueKey, picker] of pickers) {
      const queue = queues.get(queueKey);
      if (!queue) continue;
      if (picker.cursorUserId && picker.cursorUserId !== queue.cursorUserId)
        await this.queues.saveCursor(em, queue, picker.cursorUserId);
      await this.pool.settle(em, departmentId, picker);
    }
    return moved;
  }
}
