import { EntityManager } from '@mikro-orm/postgresql';
import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { Clock, DomainEventInput, DomainEvents, sql } from '@switchboard/engine';
import { CardTimelineService } from '@switchboard/pipelines';
import {
  ConversationOwnershipService,
  OwnershipActor,
  OwnershipState,
} from './conversation-ownership.service';

const MAX_SNOOZE_MS = 90 * 24 * 60 * 60 * 1000;

export type SnoozeRequest = { until: Date } | { untilCustomerReplies: true };

const oneOpen = (otherId: string | null) =>
  new ConflictException(
    `conversation ${otherId ?? 'another'} with this contact on this number is open: only one can be open at a time`,
  );

/** The driver's error for a second open conversation of a contact on a number (unique index conversations_one_open). */
const isOneOpenViolation = (e: unknown): boolean =>
  typeof e === 'object' &&
  e !== null &&
  (e as { code?: unknown }).code === '23505' &&
  (e as { constraint?: unknown }).constraint === 'conversations_one_open';

const byUserId = (by: OwnershipActor) => (by.type === 'user' ? by.id : null);

/**
 * Close, reopen and snooze: a conversation's life apart from who owns it. Close keeps the owner (history: load counts
 * only open ones); any reopen clears it and puts the conversation back in its queue, so routing and assignment decide
 * again.
 */
@Injectable()
export class ConversationLifecycleService {
  constructor(
    private readonly ownership: ConversationOwnershipService,
    private readonly events: DomainEvents,
    private readonly timeline: CardTimelineService,
    private readonly clock: Clock,
  ) {}

  async close(em: EntityManager, conversationId: string, by: OwnershipActor, note?: string): Promise<void> {
    const current = await this.ownership.mustLock(em, conversationId);
    if (current.status === 'closed')
      throw new ConflictException(`conversation ${conversationId} is already closed`);
    await sql(
      em,
      `update conversations set status = 'closed', closed_at = ?, snoozed_until = null, snoozed_until_reply = false,
              queued_at = null, updated_at = now() where id = ?`,
      [this.clock.now(), conversationId],
    );
    await this.events.publish(em, {
      name: 'conversation.closed',
      payload: { conversationId, departmentId: current.departmentId, byUserId: byUserId(by) },
    });
    await this.timeline.append(em, conversationId, {
      kind: 'ownership',
      actor: by,
      data: { change: 'closed', ownerUserId: current.ownerUserId, ...(note ? { note } : {}) },
    });
  }

  /** Reopens a closed conversation; 409 naming the other open conversation of this contact on this number. */
  async reopen(em: EntityManager, conversationId: string, by: OwnershipActor): Promise<void> {
    const current = await this.ownership.mustLock(em, conversationId);
    if (current.status === 'open')
      throw new ConflictException(`conversation ${conversationId} is already open`);
    const [other] = await sql<{ id: string }>(
      em,
      `select id from conversations where number_id = ? and contact_id = ? and status = 'open' and id <> ?`,
      [current.numberId, current.contactId, conversationId],
    );
    if (other) throw oneOpen(other.id);
    try {
      await sql(
        em,
        // queued_at null: routing decides on conversation.reopened, then queues it (never a drain before that).
        `update conversations set status = 'open', closed_at = null, owner_user_id = null, queued_at = null,
                updated_at = now() where id = ?`,
        [conversationId],
      );
    } catch (e) {
      // Another conversation of this contact opened after the check (a customer's message, a second reopen).
      if (isOneOpenViolation(e)) throw oneOpen(null);
      throw e;
    }
    await this.events.publish(em, reopenedEvents([current], by));
    await this.timeline.append(em, conversationId, {
      kind: 'ownership',
      actor: by,
      data: { change: 'reopened', previousOwnerUserId: current.ownerUserId },
    });
  }

  async snooze(
    em: EntityManager,
    conversationId: string,
    request: SnoozeRequest,
    by: OwnershipActor,
  ): Promise<void> {
    const now = this.clock.now();
    if ('until' in request) {
      const ms = request.until.getTime() - now.getTime();
      if (!(ms > 0))
        throw new UnprocessableEntityException(`until ${request.until.toISOString()} is not in the future`);
      if (ms > MAX_SNOOZE_MS)
        throw new UnprocessableEntityException(
          `until ${request.until.toISOString()} is more than 90 days away: snooze for at most 90 days`,
        );
    }
    const current = await this.ownership.mustLock(em, conversationId);
    if (current.status !== 'open')
      throw new ConflictException(`conversation ${conversationId} is closed: only open conversations snooze`);
    const until = 'until' in request ? request.until : null;
    await sql(
      em,
      'update conversations set snoozed_until = ?, snoozed_until_reply = ?, updated_at = now() where id = ?',
      [until, until === null, conversationId],
    );
    await this.snoozeChanged(em, current, by, true, {
      snoozedUntil: until?.toISOString() ?? null,
      untilCustomerReplies: until === null,
    });
  }

  async unsnooze(em: EntityManager, conversationId: string, by: OwnershipActor): Promise<void> {
    const current = await this.ownership.mustLock(em, conversationId);
    if (!current.snoozedUntil && !current.snoozedUntilReply) return;
    await sql(
      em,
      'update conversations set snoozed_until = null, snoozed_until_reply = false, updated_at = now() where id = ?',
      [conversationId],
    );
    await this.snoozeChanged(em, current, by, false, { snoozedUntil: null, untilCustomerReplies: false });
  }

  /** Wakes conversations whose snooze time has come (claimed rows: one process wakes each). Returns how many. */
  async wakeDue(em: EntityManager, limit = 500): Promise<number> {
    const woken = await sql<{ id: string; department_id: string }>(
      em,
      `update conversations c set snoozed_until = null, updated_at = now()
        where c.id in (select id from conversations where snoozed_until <= ? order by snoozed_until
                        limit ? for update skip locked)
        returning c.id, c.department_id`,
      [this.clock.now(), limit],
    );
    await this.wokenEvents(em, woken);
    return woken.length;
  }

  /** The customer wrote: their snoozed conversations wake (one statement for an intake batch). */
  async wakeOnCustomerMessage(em: EntityManager, conversationIds: string[]): Promise<void> {
    if (!conversationIds.length) return;
    const woken = await sql<{ id: string; department_id: string }>(
      em,
      `update conversations set snoozed_until = null, snoozed_until_reply = false, updated_at = now()
        where id = any(?::uuid[]) and (snoozed_until is not null or snoozed_until_reply)
        returning id, department_id`,
      [conversationIds],
    );
    await this.wokenEvents(em, woken);
  }

  private async wokenEvents(
    em: EntityManager,
    woken: { id: string; department_id: string }[],
  ): Promise<void> {
    await this.events.publish(
      em,
      woken.map((w) => ({
        name: 'conversation.updated' as const,
        payload: {
          conversationId: w.id,
          departmentId: w.department_id,
          changes: ['snooze' as const],
          snoozed: false,
        },
      })),
    );
  }

  private async snoozeChanged(
    em: EntityManager,
    current: OwnershipState,
    by: OwnershipActor,
    snoozed: boolean,
    data: Record<string, unknown>,
  ): Promise<void> {
    await this.events.publish(em, {
      name: 'conversation.updated',
      payload: {
        conversationId: current.conversationId,
        departmentId: current.departmentId,
        changes: ['snooze'],
        snoozed,
      },
    });
    await this.timeline.append(em, current.conversationId, {
      kind: 'ownership',
      actor: by,
      data: { change: 'snooze', ...data },
    });
  }
}

/** What a reopen tells: the owner let go (reason `closed`), then conversation.reopened for routing to decide again. */
export function reopenedEvents(
  reopened: Pick<OwnershipState, 'conversationId' | 'departmentId' | 'ownerUserId'>[],
  by: OwnershipActor | null,
): DomainEventInput[] {
  return reopened.flatMap((c) => [
    ...(c.ownerUserId
      ? [
          {
            name: 'conversation.unassigned' as const,
            payload: {
              conversationId: c.conversationId,
              departmentId: c.departmentId,
              userId: c.ownerUserId,
              byUserId: by ? byUserId(by) : null,
              reason: 'closed' as const,
            },
          },
        ]
      : []),
    {
      name: 'conversation.reopened' as const,
      payload: { conversationId: c.conversationId, departmentId: c.departmentId },
    },
  ]);
}
