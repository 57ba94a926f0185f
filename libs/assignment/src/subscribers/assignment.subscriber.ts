import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { DomainEvent, DomainEventName, OnDomainEvent } from '@switchboard/engine';
import { AgentPool } from '../agents/agent-pool.service';
import { HandOver } from '../assign/hand-over.service';
import { QueueDrainer } from '../assign/queue-drainer.service';

export const ASSIGNMENT_SUBSCRIBER = 'assignment.queues';

const EVENTS: DomainEventName[] = [
  'conversation.routed',
  'conversation.closed',
  'conversation.unassigned',
  'conversation.updated',
  'conversation.transferred',
  'agent.availability',
];

/**
 * Assigns waiting work when it can move: a conversation routed (routing has spoken), capacity freed (closed,
 * unassigned), a conversation back from snooze or moved to another team or department, an agent online. An agent
 * gone offline has their open conversations handed over by the queue's policy; "away" keeps what the agent owns
 * and only stops new assignments. Batched (one drain per department per batch) and idempotent: a drain assigns only
 * what still waits, and a hand-over happens only while the agent is still offline.
 */
@Injectable()
export class AssignmentSubscriber {
  constructor(
    private readonly drainer: QueueDrainer,
    private readonly handOver: HandOver,
    private readonly pool: AgentPool,
  ) {}

  @OnDomainEvent(EVENTS, ASSIGNMENT_SUBSCRIBER)
  async handle(events: DomainEvent[], em: EntityManager): Promise<void> {
    const drains = new Set<string>();
    const offline = new Map<string, Set<string>>();
    for (const event of events) {
      if (event.name === 'agent.availability') {
        const { status, userId, departmentIds } = event.payload;
        for (const departmentId of departmentIds)
          if (status === 'online') drains.add(departmentId);
          else if (status === 'offline') {
            const users = offline.get(departmentId) ?? new Set<string>();
            users.add(userId);
            offline.set(departmentId, users);
          }
      } else if (event.name === 'conversation.updated') {
        if (event.payload.changes.some((c) => c === 'snooze' || c === 'team' || c === 'priority'))
          drains.add(event.payload.departmentId);
      } else drains.add(event.payload.departmentId);
    }
    for (const [departmentId, users] of offline) {
      const agents = await this.pool.agents(em, departmentId);
      for (const agent of agents)
        if (users.has(agent.userId) && agent.availability === 'offline')
          if ((await this.handOver.apply(em, agent, 'offline', agents)) > 0) drains.add(departmentId);
    }
    for (const departmentId of [...drains].sort()) await this.drainer.drainDepartment(em, departmentId);
  }
}
