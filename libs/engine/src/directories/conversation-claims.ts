import type { EntityManager } from '@mikro-orm/postgresql';
import type { OwnershipReason } from '../events/domain-event-types';

/** Who takes the conversation, as ownership records it. */
export interface ClaimingUser {
  id: string;
  label: string;
}

/**
 * `owner`: theirs (already, or taken now). `other`: someone else's, named. `not_an_agent`: unowned, and the user holds
 * no agent or supervisor role in its department (an admin), so nothing was taken.
 */
export type ClaimOutcome =
  | { result: 'owner' }
  | { result: 'other'; ownerUserId: string; ownerName: string | null }
  | { result: 'not_an_agent' };

/**
 * Claims, for libraries below assignment (channels: a user's reply to an unowned conversation takes it). Assignment
 * provides it, so a reply goes through the very checks a claim does without channels importing a library above it.
 */
export abstract class ConversationClaims {
  /**
   * In the caller's transaction `em`: already the user's → owner; unowned → taken as a claim takes it (under the
   * agent's lock, when they hold an agent or supervisor role in its department and are under capacity: 409
   * over_capacity or closed otherwise, nothing changed), or not_an_agent when they hold no such role; someone
   * else's → other, naming the owner. The conversation's row stays locked until the transaction ends.
   */
  abstract claimInTransaction(
    em: EntityManager,
    conversationId: string,
    user: ClaimingUser,
    reason: OwnershipReason,
  ): Promise<ClaimOutcome>;
}
