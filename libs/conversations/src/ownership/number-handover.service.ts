import { EntityManager } from '@mikro-orm/postgresql';
import { ConflictException, Injectable } from '@nestjs/common';
import { Clock, DomainEvents, sql } from '@switchboard/engine';
import { CardRepository, CardTimelineService, CardTransferService } from '@switchboard/pipelines';
import { ConversationIntakeRepository } from '../intake/conversation-intake.repository';
import { ConversationLifecycleService } from './conversation-lifecycle.service';
import type { OwnershipActor, OwnershipState } from './conversation-ownership.service';

/** Where the conversation continues: a number and the department it is bound to (the caller checked both). */
export interface HandoverTarget {
  numberId: string;
  departmentId: string;
}

export interface HandoverResult {
  conversationId: string;
  /** False when the customer has not written to the target number in the last 24 hours: templates only. */
  windowOpen: boolean;
}

/**
 * Continues a conversation on another number of the same WhatsApp account. Meta keys a conversation (and its
 * 24-hour window) by customer and business number, so one conversation cannot change numbers: the customer's open
 * conversation on the target number is used, or a new one is opened there (with its card, in the target number's
 * department, routed as any new one); the original is closed; both cards' timelines name the other, with the note.
 */
@Injectable()
export class NumberHandoverService {
  constructor(
    private readonly lifecycle: ConversationLifecycleService,
    private readonly intake: ConversationIntakeRepository,
    private readonly cards: CardRepository,
    private readonly transfers: CardTransferService,
    private readonly timeline: CardTimelineService,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  /** In the caller's transaction; `current` is the original, locked and open (checked again here). */
  async continueOn(
    em: EntityManager,
    current: OwnershipState,
    target: HandoverTarget,
    by: OwnershipActor,
    note?: string,
  ): Promise<HandoverResult> {
    const from = current.conversationId;
    if (current.status !== 'open')
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        code: 'conversation_closed',
        message: `conversation ${from} is closed: reopen it before transferring it`,
      });
    if (current.numberId === target.numberId)
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        code: 'same_number',
        message: `numberId: conversation ${from} is already on number ${target.numberId}`,
      });
    await this.transfers.assertTransferTarget(em, target.departmentId);
    const opened = await this.intake.openConversations(em, [
      { numberId: target.numberId, departmentId: target.departmentId, contactId: current.contactId },
    ]);
    const to = opened.get(`${target.numberId}|${current.contactId}`)!;
    if (to.created) {
      const [contact] = await sql<{ name: string | null; wa_id: string | null; bsuid: string | null }>(
        em,
        'select profile_name as name, wa_id, bsuid from contacts where id = ?',
        [current.contactId],
      );
      // As intake titles a new card: the name, else the number, else the business-scoped id.
      const title = contact?.name || (contact?.wa_id ? `+${contact.wa_id}` : contact?.bsuid) || 'Customer';
      const cardEvents = await this.cards.openForConversations(em, [
        { conversationId: to.id, departmentId: target.departmentId, title, eventId: null },
      ]);
      await this.events.publish(em, [
        {
          name: 'conversation.opened',
          payload: {
            conversationId: to.id,
            numberId: target.numberId,
            departmentId: target.departmentId,
            contactId: current.contactId,
          },
        },
        ...cardEvents,
      ]);
    }
    const link = { fromConversationId: from, fromNumberId: current.numberId, toConversationId: to.id };
    const data = { ...link, toNumberId: target.numberId, ...(note ? { note } : {}) };
    await this.timeline.append(em, from, { kind: 'transfer', actor: by, data });
    await this.timeline.append(em, to.id, { kind: 'transfer', actor: by, data });
    await this.lifecycle.close(em, from, by, note);
    const [window] = await sql<{ open: boolean }>(
      em,
      'select coalesce(window_expires_at > ?, false) as open from conversations where id = ?',
      [this.clock.now(), to.id],
    );
    return { conversationId: to.id, windowOpen: window?.open ?? false };
  }
}
