import { EntityManager } from '@mikro-orm/postgresql';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { ConversationOwnershipService } from '@switchboard/conversations';
import { ClaimingUser, ClaimOutcome, Clock, ConversationClaims, OwnershipReason } from '@switchboard/engine';
import { AgentMarksRepository } from '../agents/agent-marks.repository';
import { AgentPool } from '../agents/agent-pool.service';
import { lockAgent } from './agent-lock';
import { closedConversation, overCapacity } from './assignment-refusals';

/**
 * The engine's ConversationClaims port: a claim inside the caller's transaction, in the order every claim takes
 * its locks (the agent's, then the conversation's row), so a reply that takes a conversation and a concurrent claim
 * or drain never exceed the agent's capacity nor deadlock.
 */
@Injectable()
export class AssignmentConversationClaims extends ConversationClaims {
  constructor(
    private readonly ownership: ConversationOwnershipService,
    private readonly pool: AgentPool,
    private readonly marks: AgentMarksRepository,
    private readonly clock: Clock,
  ) {
    super();
  }

  async claimInTransaction(
    em: EntityManager,
    conversationId: string,
    user: ClaimingUser,
    reason: OwnershipReason,
  ): Promise<ClaimOutcome> {
    const seen = await this.ownership.state(em, conversationId);
    if (!seen) throw new NotFoundException(`conversation ${conversationId} not found`);
    const agents = await this.pool.agents(em, seen.departmentId);
    if (seen.ownerUserId && seen.ownerUserId !== user.id) {
      // Someone else's: no agent lock needed to say so, only the row's (its owner may have changed meanwhile).
      const current = await this.ownership.lock(em, conversationId);
      if (current?.ownerUserId && current.ownerUserId !== user.id)
        return this.other(current.ownerUserId, agents.find((a) => a.userId === current.ownerUserId)?.name);
      if (current?.ownerUserId === user.id) return { result: 'owner' };
      // Released in between: taking it now would wait for the agent's lock while holding the row (a claim's order
      // reversed), so the caller tries again instead.
      throw new ConflictException(`conversation ${conversationId} changed owner meanwhile: try again`);
    }
    const agent = agents.find((a) => a.userId === user.id);
    if (!agent) {
      // Not theirs to take (an admin without a role there): unowned stays unowned.
      const current = await this.ownership.lock(em, conversationId);
      if (!current) throw new NotFoundException(`conversation ${conversationId} not found`);
      if (current.ownerUserId === user.id) return { result: 'owner' };
      if (current.ownerUserId)
        return this.other(current.ownerUserId, agents.find((a) => a.userId === current.ownerUserId)?.name);
      return { result: 'not_an_agent' };
    }
    await lockAgent(em, seen.departmentId, user.id);
    const current = await this.ownership.lock(em, conversationId);
    if (!current) throw new NotFoundException(`conversation ${conversationId} not found`);
    if (current.status !== 'open') throw closedConversation(conversationId);
    if (current.ownerUserId === user.id) return { result: 'owner' };
    if (current.ownerUserId)
      return this.other(current.ownerUserId, agents.find((a) => a.userId === current.ownerUserId)?.name);
    if (current.departmentId !== seen.departmentId)
      throw new ConflictException(`conversation ${conversationId} was just transferred: try again`);
    const load = (await this.ownership.openLoad(em, seen.departmentId, [user.id])).get(user.id) ?? 0;
    const capacity = this.pool.capacity(agent);
    if (load >= capacity) throw overCapacity(user.id, load, capacity, ': nothing was sent');
    const set = await this.ownership.setOwner(em, conversationId, user.id, {
      expectedOwnerUserId: null,
      reason,
      by: { type: 'user', id: user.id, label: user.label },
    });
    // Cannot happen under the row lock; said plainly if it ever does.
    if (!set)
      throw new ConflictException(`conversation ${conversationId} changed owner meanwhile: try again`);
    await this.marks.markAssigned(em, seen.departmentId, new Map([[user.id, this.clock.now()]]));
    return { result: 'owner' };
  }

  private other(ownerUserId: string, name: string | undefined): ClaimOutcome {
    return { result: 'other', ownerUserId, ownerName: name ?? null };
  }
}
