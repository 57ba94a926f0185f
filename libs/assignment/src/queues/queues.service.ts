import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import {
  QUEUE_STRATEGIES,
  QueueStrategy,
  QueueView,
  SetQueueRequest,
  WaitingConversationView,
} from '@switchboard/contracts';
import { ConversationOwnershipService } from '@switchboard/conversations';
import { AccessScope, AgentDirectoryService } from '@switchboard/identity';
import { QueueDrainer } from '../assign/queue-drainer.service';
import { QueueRepository } from './queue.repository';
import { defaultQueue, toQueueView } from './queue-settings';

/** Most waiting conversations the queue view lists. */
const WAITING_LIMIT = 500;

/** A department's queues as supervisors configure and watch them. */
@Injectable()
export class QueuesService {
  constructor(
    private readonly em: EntityManager,
    private readonly queues: QueueRepository,
    private readonly ownership: ConversationOwnershipService,
    private readonly directory: AgentDirectoryService,
    private readonly scope: AccessScope,
    private readonly drainer: QueueDrainer,
  ) {}

  /** The department's own queue (defaults when never configured) and its configured team queues. */
  async list(departmentId: string): Promise<QueueView[]> {
    this.scope.assertIn('conversations.read', departmentId, `department ${departmentId}`);
    const rows = await this.queues.list(this.em, departmentId);
    const own = rows.find((q) => q.teamId === null) ?? defaultQueue(departmentId, null);
    return [own, ...rows.filter((q) => q.teamId !== null)].map(toQueueView);
  }

  /**
   * Configures the department's queue (teamId null) or a team's, then drains it; 422 for another department's team
   * or an unknown strategy.
   */
  async set(departmentId: string, teamId: string | null, input: SetQueueRequest): Promise<QueueView> {
    this.scope.assertIn('conversations.assign', departmentId, `department ${departmentId}`);
    if (!(QUEUE_STRATEGIES as readonly string[]).includes(input.strategy))
      throw new UnprocessableEntityException(
        `unknown strategy "${input.strategy}": use one of ${QUEUE_STRATEGIES.join(', ')}`,
      );
    return this.em.transactional(async (em) => {
      if (teamId) {
        const teamDepartment = await this.directory.teamDepartment(teamId, em);
        if (teamDepartment !== departmentId)
          throw new UnprocessableEntityException(
            teamDepartment
              ? `team ${teamId} belongs to another department, not to department ${departmentId}`
              : `team ${teamId} does not exist`,
          );
      }
      const current = await this.queues.get(em, departmentId, teamId);
      const saved = await this.queues
        .save(em, {
          ...current,
          strategy: input.strategy as QueueStrategy,
          matchLanguage: input.matchLanguage ?? current.matchLanguage,
          matchSkills: input.matchSkills ?? current.matchSkills,
          whenAgentOffline: input.whenAgentOffline ?? current.whenAgentOffline,
          atShiftEnd: input.atShiftEnd ?? current.atShiftEnd,
        })
        .catch((e: unknown) => {
          // The department's foreign key: an admin naming a department that does not exist.
          if ((e as { code?: string }).code === '23503')
            throw new NotFoundException(`department ${departmentId} not found`);
          throw e;
        });
      // A queue that now assigns (or matches more loosely) serves what already waits in it, at once.
      await this.drainer.drain(em, departmentId, teamId);
      return toQueueView(saved);
    });
  }

  /** GET /api/departments/:id/queue: what waits for an owner, highest priority first, then oldest. */
  async waiting(departmentId: string, teamId: string | null): Promise<WaitingConversationView[]> {
    this.scope.assertIn('conversations.read', departmentId, `department ${departmentId}`);
    const rows = await this.ownership.waiting(this.em, departmentId, teamId, WAITING_LIMIT);
    return rows.map((c) => ({
      conversationId: c.conversationId,
      teamId: c.teamId,
      priority: c.priority,
      language: c.language,
      requiredSkills: c.requiredSkills,
      queuedAt: c.queuedAt ? new Date(c.queuedAt).toISOString() : null,
    }));
  }
}
