import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { CardRepository } from '@switchboard/pipelines';
import { ConversationIntakeRepository } from './conversation-intake.repository';
import { InboundMessageInput, InboundMessageResult } from './inbound-message.input';

/** Turns one inbound message into records: contact, open conversation (+ its card), message, clocks. */
@Injectable()
export class ConversationIntakeService {
  constructor(
    private readonly repo: ConversationIntakeRepository,
    private readonly cards: CardRepository,
  ) {}

  /** Runs inside the caller's transaction. Duplicate wamids change nothing. */
  async record(em: EntityManager, input: InboundMessageInput): Promise<InboundMessageResult> {
    if (await this.repo.wamidExists(em, input.wamid)) {
      return { created: false, messageId: null, conversationId: null, newConversation: false };
    }
    if (!input.contact.waId && !input.contact.bsuid) {
      throw new Error('the message identifies its sender by neither wa_id nor BSUID');
    }
    const contactId = await this.repo.upsertContact(em, input.contact);
    const conversation = await this.repo.openConversation(em, {
      numberId: input.numberId,
      departmentId: input.departmentId,
      contactId,
    });
    if (conversation.created) {
      const title =
        input.contact.profileName ||
        (input.contact.waId ? `+${input.contact.waId}` : input.contact.bsuid) ||
        'Customer';
      await this.cards.openForConversation(em, {
        conversationId: conversation.id,
        departmentId: input.departmentId,
        title,
      });
    }
    const messageId = await this.repo.insertMessage(em, conversation.id, input);
    if (!messageId)
      return { created: false, messageId: null, conversationId: conversation.id, newConversation: false };
    await this.repo.touchConversation(em, conversation.id, input);
    if (input.effect) await this.repo.applyEffect(em, contactId, input.effect, input.timestamp);
    return {
      created: true,
      messageId,
      conversationId: conversation.id,
      newConversation: conversation.created,
    };
  }
}
