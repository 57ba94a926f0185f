import { EntityManager } from '@mikro-orm/postgresql';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import {
  ChangeLabelsRequest,
  ConversationPriority,
  ConversationView,
  SnoozeConversationRequest,
} from '@switchboard/contracts';
import type { ScopedPermission } from '@switchboard/identity';
import { AccessScope, AuditLog } from '@switchboard/identity';
import { ConversationQueryService } from '../query/conversation-query.service';
import { ConversationLifecycleService } from './conversation-lifecycle.service';
import {
  ConversationOwnershipService,
  OwnershipActor,
  OwnershipState,
} from './conversation-ownership.service';

/**
 * The HTTP actions on one conversation, for the actor of the request: it must read the conversation (else 404) and
 * hold the action's permission in its department (else 403); each change runs in one transaction.
 */
@Injectable()
export class ConversationActionsService {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: AccessScope,
    private readonly query: ConversationQueryService,
    private readonly ownership: ConversationOwnershipService,
    private readonly lifecycle: ConversationLifecycleService,
    private readonly audit: AuditLog,
  ) {}

  async close(id: string, note?: string): Promise<ConversationView> {
    const by = await this.allowed(id, 'conversations.reply');
    await this.tx(async (em) => {
      await this.ownerOrAssigner(em, id, 'conversations.reply');
      await this.lifecycle.close(em, id, by, note);
    });
    return this.view(id);
  }

  async reopen(id: string): Promise<ConversationView> {
    const by = await this.allowed(id, 'conversations.reply');
    await this.tx(async (em) => {
      await this.lockedIn(em, id, 'conversations.reply');
      await this.lifecycle.reopen(em, id, by);
    });
    return this.view(id);
  }

  async snooze(id: string, body: SnoozeConversationRequest): Promise<ConversationView> {
    const by = await this.allowed(id, 'conversations.reply');
    const request =
      'until' in body ? { until: new Date(body.until) } : { untilCustomerReplies: true as const };
    await this.tx(async (em) => {
      await this.ownerOrAssigner(em, id, 'conversations.reply');
      await this.lifecycle.snooze(em, id, request, by);
    });
    return this.view(id);
  }

  async unsnooze(id: string): Promise<ConversationView> {
    const by = await this.allowed(id, 'conversations.reply');
    await this.tx(async (em) => {
      await this.ownerOrAssigner(em, id, 'conversations.reply');
      await this.lifecycle.unsnooze(em, id, by);
    });
    return this.view(id);
  }

  async setPriority(id: string, priority: ConversationPriority): Promise<ConversationView> {
    const by = await this.allowed(id, 'conversations.reply');
    await this.tx(async (em) => {
      await this.ownerOrAssigner(em, id, 'conversations.reply');
      await this.ownership.setPriority(em, id, priority, by);
    });
    return this.view(id);
  }

  async changeLabels(id: string, change: ChangeLabelsRequest): Promise<ConversationView> {
    const by = await this.allowed(id, 'conversations.reply');
    await this.tx(async (em) => {
      await this.ownerOrAssigner(em, id, 'conversations.reply');
      await this.ownership.changeLabels(em, id, change, by);
    });
    return this.view(id);
  }

  /** A supervisor takes the conversation (from its owner, or unowned): audited, the previous owner told by the event. */
  async takeOver(id: string, note?: string): Promise<ConversationView> {
    const by = await this.allowed(id, 'conversations.take_over');
    await this.tx(async (em) => {
      const current = await this.lockedIn(em, id, 'conversations.take_over');
      if (current.status !== 'open')
        throw new ConflictException(`conversation ${id} is closed: reopen it before taking it over`);
      if (current.ownerUserId === by.id) return;
      await this.ownership.setOwner(em, id, by.id, {
        expectedOwnerUserId: current.ownerUserId,
        reason: 'take_over',
        by,
        note,
      });
      await this.audit.record(
        {
          action: 'conversation.take_over',
          targetType: 'conversation',
          targetId: id,
          departmentId: current.departmentId,
          details: { previousOwnerUserId: current.ownerUserId, ...(note ? { note } : {}) },
        },
        em,
      );
    });
    return this.view(id);
  }

  async transfer(id: string, departmentId: string, note?: string): Promise<void> {
    const by = await this.allowed(id, 'conversations.reply');
    await this.tx(async (em) => {
      await this.ownerOrAssigner(em, id, 'conversations.reply');
      await this.ownership.transfer(em, id, departmentId, by, note);
    });
  }

  /** The actor as ownership records it, once they may do `permission` on this conversation. */
  private async allowed(id: string, permission: ScopedPermission): Promise<OwnershipActor> {
    const conversation = await this.query.get(id);
    this.scope.assertIn(permission, conversation?.department.id ?? null, `conversation ${id}`);
    const actor = this.scope.actor();
    return { type: actor.type, id: actor.id, label: actor.label };
  }

  /**
   * The conversation locked, the permission checked again against the department it is in now: a transfer between
   * the first check and the lock must not let the actor act in a department where they may not.
   */
  private async lockedIn(
    em: EntityManager,
    id: string,
    permission: ScopedPermission,
  ): Promise<OwnershipState> {
    const current = await this.ownership.mustLock(em, id);
    this.scope.assertIn(permission, current.departmentId, `conversation ${id}`);
    return current;
  }

  /**
   * Another agent's conversation is theirs to close, snooze, label, prioritise or transfer: only its owner does, or
   * someone who may assign conversations in its department (a supervisor). An unowned one is anyone's (with
   * `permission`). 409 not_owner otherwise.
   */
  private async ownerOrAssigner(em: EntityManager, id: string, permission: ScopedPermission): Promise<void> {
    const current = await this.lockedIn(em, id, permission);
    const actor = this.scope.actor();
    if (!current.ownerUserId || (actor.type === 'user' && current.ownerUserId === actor.id)) return;
    if (actor.canIn('conversations.assign', current.departmentId)) return;
    throw new ConflictException({
      statusCode: 409,
      error: 'Conflict',
      code: 'not_owner',
      ownerUserId: current.ownerUserId,
      message: `conversation ${id} is owned by user ${current.ownerUserId}: only its owner or a supervisor may change it`,
    });
  }

  private async view(id: string): Promise<ConversationView> {
    const view = await this.query.get(id);
    if (!view) throw new NotFoundException(`conversation ${id} not found`);
    return view;
  }

  private tx<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.em.fork().transactional(work);
  }
}
