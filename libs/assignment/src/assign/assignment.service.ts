import { EntityManager } from '@mikro-orm/postgresql';
import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { AssigneeView } from '@switchboard/contracts';
import { ConversationOwnershipService, OwnershipActor, OwnershipState } from '@switchboard/conversations';
import { Clock, OwnershipReason } from '@switchboard/engine';
import { AccessScope, AgentCandidate } from '@switchboard/identity';
import { AgentMarksRepository } from '../agents/agent-marks.repository';
import { AgentPool } from '../agents/agent-pool.service';
import { lockAgent } from './agent-lock';
import { closedConversation, overCapacity } from './assignment-refusals';

const alreadyOwned = (conversationId: string, ownerUserId: string) =>
  new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    code: 'already_owned',
    message: `conversation ${conversationId} is already owned by user ${ownerUserId}`,
    ownerUserId,
  });

/**
 * Claims and manual assignment. Each holds the agent's lock (agent + department) and the conversation's row lock,
 * counts the agent's load under them, then sets the owner (compare-and-set): two claimers never both win and no
 * agent ever exceeds capacity.
 */
@Injectable()
export class AssignmentService {
  constructor(
    private readonly em: EntityManager,
    private readonly ownership: ConversationOwnershipService,
    private readonly pool: AgentPool,
    private readonly marks: AgentMarksRepository,
    private readonly scope: AccessScope,
    private readonly clock: Clock,
  ) {}

  /**
   * Gives the conversation to `userId` in the caller's transaction (routing's "assign to an agent", manual
   * assignment): 422 when they hold no agent or supervisor role in its department, 409 when they are at capacity
   * or it is closed, or (reason `rule`) someone else owns it. Already theirs: nothing changes.
   */
  async assignTo(
    em: EntityManager,
    conversationId: string,
    userId: string,
    by: OwnershipActor,
    reason: OwnershipReason,
  ): Promise<void> {
    const state = await this.ownership.state(em, conversationId);
    if (!state) throw new NotFoundException(`conversation ${conversationId} not found`);
    const agent = await this.agentOf(em, state.departmentId, userId);
    await lockAgent(em, state.departmentId, userId);
    const current = await this.lockOpen(em, conversationId, state.departmentId);
    if (current.ownerUserId === userId) return;
    // A routing rule assigns only what nobody owns (every_message rules run on each message): never a take-over.
    if (reason === 'rule' && current.ownerUserId) throw alreadyOwned(conversationId, current.ownerUserId);
    await this.assertUnderCapacity(em, agent);
    await this.setOwner(em, current, agent, by, reason);
  }

  /** POST /api/conversations/:id/claim: the signed-in agent takes a conversation nobody owns. */
  async claim(conversationId: string): Promise<AssigneeView> {
    const actor = this.scope.actor();
    return this.em.transactional(async (em) => {
      const state = await this.visible(em, conversationId, 'conversations.reply');
      if (actor.type !== 'user')
        throw new UnprocessableEntityException({
          statusCode: 422,
          error: 'Unprocessable Entity',
          code: 'not_an_agent',
          message:
            'an API token cannot own a conversation: claims are for agents (assign it with PUT …/assignee)',
        });
      const agent = await this.agentOf(em, state.departmentId, actor.id);
      await lockAgent(em, state.departmentId, actor.id);
      const current = await this.lockOpen(em, conversationId, state.departmentId);
      if (current.ownerUserId === actor.id) return { conversationId, ownerUserId: actor.id };
      if (current.ownerUserId) throw alreadyOwned(conversationId, current.ownerUserId);
      await this.assertUnderCapacity(em, agent);
      await this.setOwner(em, current, agent, this.by(), 'claim');
      return { conversationId, ownerUserId: actor.id };
    });
  }

  /** PUT /api/conversations/:id/assignee: a supervisor gives it to an agent, or returns it to the queue (null). */
  async setAssignee(conversationId: string, userId: string | null): Promise<AssigneeView> {
    return this.em.transactional(async (em) => {
      const state = await this.visible(em, conversationId, 'conversations.assign');
      if (userId) {
        await this.assignTo(em, conversationId, userId, this.by(), 'manual');
        return { conversationId, ownerUserId: userId };
      }
      const current = await this.lockOpen(em, conversationId, state.departmentId);
      if (current.ownerUserId)
        await this.ownership.setOwner(em, conversationId, null, {
          expectedOwnerUserId: current.ownerUserId,
          reason: 'manual',
          by: this.by(),
        });
      return { conversationId, ownerUserId: null };
    });
  }

  /** The conversation when the caller may see it (404 otherwise, like an absent one); 403 without `permission`. */
  private async visible(
    em: EntityManager,
    conversationId: string,
    permission: 'conversations.reply' | 'conversations.assign',
  ): Promise<OwnershipState> {
    const state = await this.ownership.state(em, conversationId);
    this.scope.assertIn(permission, state?.departmentId ?? null, `conversation ${conversationId}`);
    return state as OwnershipState;
  }

  private async agentOf(em: EntityManager, departmentId: string, userId: string): Promise<AgentCandidate> {
    const agent = (await this.pool.agents(em, departmentId)).find((a) => a.userId === userId);
    if (!agent)
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'Unprocessable Entity',
        code: 'not_in_department',
        message: `user ${userId} holds no agent or supervisor role in department ${departmentId} (or is not active)`,
        userId,
      });
    return agent;
  }

  /** The conversation locked; 409 when it is closed, or moved to another department since it was read. */
  private async lockOpen(
    em: EntityManager,
    conversationId: string,
    departmentId: string,
  ): Promise<OwnershipState> {
    const current = await this.ownership.lock(em, conversationId);
    if (!current) throw new NotFoundException(`conversation ${conversationId} not found`);
    if (current.status !== 'open') throw closedConversation(conversationId);
    if (current.departmentId !== departmentId)
      throw new ConflictException(`conversation ${conversationId} was just transferred: try again`);
    return current;
  }

  /** Counted under the agent's lock, so concurrent claims see each other's commits. */
  private async assertUnderCapacity(em: EntityManager, agent: AgentCandidate): Promise<void> {
    const load =
      (await this.ownership.openLoad(em, agent.departmentId, [agent.userId])).get(agent.userId) ?? 0;
    const capacity = this.pool.capacity(agent);
    if (load >= capacity) throw overCapacity(agent.userId, load, capacity);
  }

  private async setOwner(
    em: EntityManager,
    current: OwnershipState,
    agent: AgentCandidate,
    by: OwnershipActor,
    reason: OwnershipReason,
  ): Promise<void> {
    const set = await this.ownership.setOwner(em, current.conversationId, agent.userId, {
      expectedOwnerUserId: current.ownerUserId,
      reason,
      by,
    });
    // Cannot happen under the row lock; said plainly if it ever does.
    if (!set)
      throw new ConflictException(
        `conversation ${current.conversationId} changed owner meanwhile: try again`,
      );
    await this.marks.markAssigned(em, agent.departmentId, new Map([[agent.userId, this.clock.now()]]));
  }

  private by(): OwnershipActor {
    const actor = this.scope.actor();
    return { type: actor.type, id: actor.id, label: actor.label };
  }
}
