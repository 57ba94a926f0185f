import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Clock, DomainEventInput, DomainEvents } from '@switchboard/engine';
import { CardRepository } from '@switchboard/pipelines';
import { ConversationLifecycleService, reopenedEvents } from '../ownership/conversation-lifecycle.service';
import { ConversationPolicyService } from '../policy/conversation-policy.service';
import {
  ClosedConversation,
  contactKey,
  ConversationClock,
  ConversationIntakeRepository,
  messageKey,
} from './conversation-intake.repository';
import { InboundMessageInput, InboundMessageResult } from './inbound-message.input';

export class MissingIdentityError extends Error {
  constructor() {
    super('the message identifies its sender by neither wa_id nor BSUID');
  }
}

const later = (a: Date | null, b: Date) => (a === null || b > a ? b : a);
const earlier = (a: Date | null, b: Date) => (a === null || b < a ? b : a);

/**
 * Turns inbound messages into records: contact, open conversation (+ its card), message, clocks. Works on a
 * whole batch with set-based SQL, a fixed handful of statements whatever the batch size: the hot path of
 * intake. A wamid already stored on the same number (a redelivery) changes nothing.
 */
@Injectable()
export class ConversationIntakeService {
  constructor(
    private readonly repo: ConversationIntakeRepository,
    private readonly cards: CardRepository,
    private readonly events: DomainEvents,
    private readonly policies: ConversationPolicyService,
    private readonly lifecycle: ConversationLifecycleService,
    private readonly clock: Clock,
  ) {}

  /** One message; see recordMany. */
  async record(em: EntityManager, input: InboundMessageInput): Promise<InboundMessageResult> {
    const [result] = await this.recordMany(em, [input]);
    if (result instanceof Error) throw result;
    return result;
  }

  /**
   * Runs inside the caller's transaction. Returns one result per input, in order: an Error for an input that
   * cannot be recorded (checked before any SQL, so the transaction stays usable). SQL errors are thrown.
   */
  async recordMany(
    em: EntityManager,
    inputs: InboundMessageInput[],
  ): Promise<(InboundMessageResult | Error)[]> {
    const results: (InboundMessageResult | Error)[] = inputs.map(() => ({
      created: false,
      messageId: null,
      conversationId: null,
      newConversation: false,
    }));
    const keys = new Map(inputs.map((i) => [messageKey(i.numberId, i.wamid), i]));
    const existing = await this.repo.existingMessages(em, [...keys.values()]);
    const fresh: { index: number; input: InboundMessageInput }[] = [];
    const seen = new Set<string>();
    for (const [index, input] of inputs.entries()) {
      const key = messageKey(input.numberId, input.wamid);
      if (existing.has(key) || seen.has(key)) continue;
      if (!input.contact.waId && !input.contact.bsuid) {
        results[index] = new MissingIdentityError();
        continue;
      }
      seen.add(key);
      fresh.push({ index, input });
    }
    if (!fresh.length) return results;

    const contacts = await this.repo.upsertContacts(
      em,
      fresh.map((f) => ({ wabaId: f.input.wabaId, who: f.input.contact })),
    );
    const pairs = fresh.map((f) => ({
      numberId: f.input.numberId,
      departmentId: f.input.departmentId,
      contactId: contacts.get(contactKey(f.input.wabaId, f.input.contact))!,
    }));
    const conversations = await this.repo.openConversations(em, pairs, (closed) =>
      this.reopenable(em, closed),
    );
    const newCards = new Map<
      string,
      { conversationId: string; departmentId: string; title: string; eventId: string | null }
    >();
    const rows = fresh.map((f, i) => {
      const conversation = conversations.get(`${pairs[i].numberId}|${pairs[i].contactId}`)!;
      if (conversation.created && !newCards.has(conversation.id)) {
        const c = f.input.contact;
        newCards.set(conversation.id, {
          conversationId: conversation.id,
          departmentId: f.input.departmentId,
          title: c.profileName || (c.waId ? `+${c.waId}` : c.bsuid) || 'Customer',
          eventId: f.input.inboundEventId ?? null,
        });
      }
      return {
        ...f,
        conversationId: conversation.id,
        contactId: pairs[i].contactId,
        newConversation: conversation.created,
      };
    });
    const cardsCreated = await this.cards.openForConversations(em, [...newCards.values()]);

    const inserted = await this.repo.insertMessages(em, rows);
    const clocks = new Map<string, ConversationClock>();
    const opened = new Map<string, DomainEventInput>();
    const reopened = new Map<string, DomainEventInput[]>();
    for (const c of conversations.values())
      if (c.reopened) reopened.set(c.id, reopenedEvents([{ conversationId: c.id, ...c.reopened }], null));
    const customerTurns = new Set<string>();
    const received: DomainEventInput[] = [];
    for (const row of rows) {
      const ids = {
        conversationId: row.conversationId,
        numberId: row.input.numberId,
        departmentId: row.input.departmentId,
      };
      if (row.newConversation && !opened.has(row.conversationId))
        opened.set(row.conversationId, {
          name: 'conversation.opened',
          payload: { ...ids, contactId: row.contactId },
        });
      const messageId = inserted.get(messageKey(row.input.numberId, row.input.wamid));
      if (!messageId) continue; // a concurrent delivery of the same wamid won
      received.push({ name: 'message.received', payload: { ...ids, messageId } });
      results[row.index] = {
        created: true,
        messageId,
        conversationId: row.conversationId,
        newConversation: row.newConversation,
      };
      const t = row.input.timestamp;
      const c = clocks.get(row.conversationId) ?? {
        latest: t,
        latestWindowOpener: null,
        latestTurn: null,
        earliestTurn: null,
      };
      c.latest = later(c.latest, t);
      if (row.input.opensWindow) c.latestWindowOpener = later(c.latestWindowOpener, t);
      if (row.input.isCustomerTurn) {
        customerTurns.add(row.conversationId);
        c.latestTurn = later(c.latestTurn, t);
        c.earliestTurn = earlier(c.earliestTurn, t);
      }
      clocks.set(row.conversationId, c);
    }
    await this.repo.touchConversations(em, clocks);
    // The batch's events in one statement, in its transaction: a conversation's opening (or reopening) and its card
    // before its messages.
    await this.events.publish(em, [
      ...opened.values(),
      ...[...reopened.values()].flat(),
      ...cardsCreated,
      ...received,
    ]);
    // The customer wrote: their snoozed conversations wake (new ones were never snoozed).
    await this.lifecycle.wakeOnCustomerMessage(
      em,
      rows
        .filter((r) => !r.newConversation && customerTurns.has(r.conversationId))
        .map((r) => r.conversationId),
    );
    // Effects last: an edit or revoke may target a message inserted by this same batch.
    for (const row of rows) {
      if (!row.input.effect || !inserted.has(messageKey(row.input.numberId, row.input.wamid))) continue;
      const refused = await this.repo.applyEffect(
        em,
        { contactId: row.contactId, numberId: row.input.numberId },
        row.input.effect,
        row.input.timestamp,
      );
      const result = results[row.index];
      if (refused && !(result instanceof Error)) result.effectRefused = refused;
    }
    return results;
  }

  /** The closed conversations the customer's message reopens: their department says `reopen`, within its window. */
  private async reopenable(em: EntityManager, closed: ClosedConversation[]): Promise<Set<string>> {
    const policies = await this.policies.forDepartments(em, [...new Set(closed.map((c) => c.departmentId))]);
    const now = this.clock.now().getTime();
    return new Set(
      closed
        .filter((c) => {
          const policy = policies.get(c.departmentId)!;
          if (policy.onCustomerMessageAfterClose !== 'reopen' || !c.closedAt) return false;
          return now - c.closedAt.getTime() < policy.reopenWindowMinutes * 60_000;
        })
        .map((c) => c.id),
    );
  }
}
