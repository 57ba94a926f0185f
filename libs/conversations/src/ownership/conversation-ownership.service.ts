import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { OwnershipReason } from '@switchboard/engine';

export type ConversationPriority = 'low' | 'normal' | 'high' | 'urgent';

/** Who made an ownership change: the shape of the card timeline's actor. */
export interface OwnershipActor {
  type: 'user' | 'api_token' | 'plugin' | 'system';
  /** User id, token id or plugin id; null for the system (and for routing rules, named in the timeline data). */
  id: string | null;
  label: string;
}

/** What assignment and routing need to know of a conversation. */
export interface OwnershipState {
  conversationId: string;
  departmentId: string;
  numberId: string;
  contactId: string;
  status: 'open' | 'closed';
  ownerUserId: string | null;
  /** The team (queue) within the department it waits in; null: the department's own queue. */
  teamId: string | null;
  priority: ConversationPriority;
  labels: string[];
  /** Language of the customer (set by routing from their messages), for language-matched assignment. */
  language: string | null;
  /** Skills an agent needs to take it (set by routing rules). */
  requiredSkills: string[];
  snoozedUntil: Date | null;
  /** Snoozed until the customer's next message. */
  snoozedUntilReply: boolean;
  /** Since when it waits in its queue for an owner (age for "priority, then age"); null while owned. */
  queuedAt: Date | null;
  createdAt: Date;
}

export interface SetOwnerOptions {
  /** Compare-and-set: the change applies only while the owner is still this one (null: unowned). */
  expectedOwnerUserId: string | null;
  reason: OwnershipReason;
  by: OwnershipActor;
  /** A hand-over or take-over note, written on the card timeline. */
  note?: string;
}

/**
 * The one place that changes who owns a conversation and its owner-independent state (priority, labels, team,
 * language, required skills, snooze, transfer). Every method runs in the caller's transaction `em`, writes the card
 * timeline line and publishes the domain events with the change. It enforces state, not policy: role, capacity and
 * strategy checks are the assignment library's (it calls setOwner under its own locks).
 */
@Injectable()
export class ConversationOwnershipService {
  /** The conversation as assignment sees it, or null. */
  state(em: EntityManager, conversationId: string): Promise<OwnershipState | null> {
    return pending(em, conversationId);
  }

  /** Like state(), with the conversation row locked (`for update`) until `em`'s transaction ends. */
  lock(em: EntityManager, conversationId: string): Promise<OwnershipState | null> {
    return pending(em, conversationId);
  }

  /**
   * Sets (userId) or clears (null) the owner when the conversation is open and its owner is still
   * `expectedOwnerUserId`; returns false, changing nothing, otherwise. Publishes conversation.assigned /
   * conversation.unassigned (with previousUserId and reason), writes the timeline (`assignment`, `handover` or
   * `ownership` for a take-over, with the note), and keeps queuedAt (null while owned, now when returned to the queue).
   */
  setOwner(
    em: EntityManager,
    conversationId: string,
    userId: string | null,
    options: SetOwnerOptions,
  ): Promise<boolean> {
    return pending(em, conversationId, userId, options);
  }

  /** Open conversations owned per user in the department (snoozed ones count: they are still theirs). */
  openLoad(em: EntityManager, departmentId: string, userIds: string[]): Promise<Map<string, number>> {
    return pending(em, departmentId, userIds);
  }

  /** Ids of the open conversations a user owns in a department (for hand-over at shift end or going offline). */
  ownedBy(em: EntityManager, departmentId: string, userId: string): Promise<string[]> {
    return pending(em, departmentId, userId);
  }

  /**
   * Open, unowned, not snoozed conversations waiting in a queue (teamId null: the department's own queue; undefined:
   * every queue of the department), highest priority first, then oldest queuedAt.
   */
  waiting(
    em: EntityManager,
    departmentId: string,
    teamId: string | null | undefined,
    limit: number,
  ): Promise<OwnershipState[]> {
    return pending(em, departmentId, teamId, limit);
  }

  setPriority(
    em: EntityManager,
    conversationId: string,
    priority: ConversationPriority,
    by: OwnershipActor,
  ): Promise<void> {
    return pending(em, conversationId, priority, by);
  }

  /** Adds and removes labels (normalised, deduplicated). */
  changeLabels(
    em: EntityManager,
    conversationId: string,
    change: { add?: string[]; remove?: string[] },
    by: OwnershipActor,
  ): Promise<string[]> {
    return pending(em, conversationId, change, by);
  }

  /** Moves it to a team's queue within its department (null: the department's queue). */
  setTeam(
    em: EntityManager,
    conversationId: string,
    teamId: string | null,
    by: OwnershipActor,
  ): Promise<void> {
    return pending(em, conversationId, teamId, by);
  }

  /** What an agent needs to take it: the customer's language and required skills (routing sets them). */
  setRequirements(
    em: EntityManager,
    conversationId: string,
    requirements: { language?: string | null; requiredSkills?: string[] },
    by: OwnershipActor,
  ): Promise<void> {
    return pending(em, conversationId, requirements, by);
  }

  /**
   * Moves the conversation (and its card, to the first stage of the target department's default pipeline) to another
   * department, keeping one customer timeline: the owner is cleared (reason `transferred`), team and skills reset,
   * conversation.transferred published. Throws 409 when it is closed or already there.
   */
  transfer(
    em: EntityManager,
    conversationId: string,
    toDepartmentId: string,
    by: OwnershipActor,
    note?: string,
  ): Promise<void> {
    return pending(em, conversationId, toDepartmentId, by, note);
  }
}

/** Placeholder until the ownership slice lands. */
function pending(..._args: unknown[]): never {
  throw new Error('ConversationOwnershipService: not implemented yet');
}
