import { EntityManager } from '@mikro-orm/postgresql';
import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { ReplyRequest } from '@switchboard/contracts';
import {
  ConversationOwnershipService,
  OutboundMessageRecorder,
  ReplyFactsQuery,
} from '@switchboard/conversations';
import { Clock, ConversationClaims, OutboxService, QUEUES, StagedJob, uuidv7 } from '@switchboard/engine';
import { requestContext } from '@switchboard/identity';
import { markUploadSent } from '../media/upload/media-uploads.repository';
import { NumberRegistry } from '../numbers/number-registry.service';
import { buildGraphMessage, replyBody } from './build-graph-message';
import { sentMedia } from './sent-media';
import { TemplateSendCheck } from './template-send-check';

/**
 * Validates an agent's reply (window, number health, reply target, a template against the stored template) and
 * records it with its outbox entry in one transaction; the worker sends it. The same Idempotency-Key never creates two messages.
 * Only the owner replies: an agent's reply to an unowned conversation takes it as a claim would (under their
 * capacity: 409 over_capacity, nothing sent); anyone else gets 409 not_owner. Someone with no agent role there (an
 * admin, an API token) answers unowned ones without taking them. Automated messages (plugins, routing) pass.
 */
@Injectable()
export class ReplyService {
  constructor(
    private readonly em: EntityManager,
    private readonly numbers: NumberRegistry,
    private readonly outbox: OutboxService,
    private readonly templates: TemplateSendCheck,
    private readonly ownership: ConversationOwnershipService,
    private readonly recorder: OutboundMessageRecorder,
    private readonly facts: ReplyFactsQuery,
    private readonly claims: ConversationClaims,
    private readonly clock: Clock,
  ) {}

  async reply(
    conversationId: string,
    req: ReplyRequest,
    idempotencyKey?: string,
    options: { automated?: boolean } = {},
  ): Promise<{ messageId: string; created: boolean }> {
    const em = this.em.fork();
    // A key is scoped to its conversation: the same key on another conversation is a different request.
    const replayOf = (key: string) => this.facts.byClientKey(em, conversationId, key);
    if (idempotencyKey) {
      const existing = await replayOf(idempotencyKey);
      if (existing) return { messageId: existing, created: false };
    }
    const conversation = await this.facts.conversation(em, conversationId);
    if (!conversation) throw new NotFoundException(`conversation ${conversationId} not found`);
    if (conversation.status !== 'open')
      throw new ConflictException('conversation is closed: reopen it before replying');
    const number = await this.numbers.byId(conversation.numberId);
    if (!number) throw new ConflictException("the conversation's WhatsApp number is no longer registered");
    if (number.archived)
      throw new ConflictException(
        `WhatsApp number ${number.phoneNumberId} is archived: replies are refused (unarchive it to reply)`,
      );
    if (number.disabled)
      throw new ConflictException(
        `WhatsApp number ${number.phoneNumberId} is disabled: enable it before replying`,
      );
    if (number.health === 'token_invalid') {
      throw new ConflictException(
        `WhatsApp number ${number.phoneNumberId} needs a new access token (Meta rejected the current one with error 190)`,
      );
    }
    if (req.type !== 'template') {
      const closesAt = conversation.windowExpiresAt;
      if (!closesAt || closesAt.getTime() <= this.clock.now().getTime()) {
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          code: 'window_closed',
          message: closesAt
            ? `The 24-hour customer service window closed at ${closesAt.toISOString()}: only an approved template can be sent now (type "template").`
            : 'The customer has not written in the last 24 hours: only an approved template can be sent now (type "template").',
        });
      }
    }
    let replyToWamid: string | null = null;
    if ('replyToMessageId' in req && req.replyToMessageId) {
      const target = await this.facts.quoted(em, conversationId, req.replyToMessageId);
      if (!target) throw new BadRequestException('replyToMessageId: no such message in this conversation');
      if (!target.wamid)
        throw new BadRequestException('replyToMessageId: that message has not reached WhatsApp yet');
      replyToWamid = target.wamid;
    }
    const to = conversation.to;
    if (!to) throw new ConflictException('the contact has no WhatsApp identity to send to');
    // Refused here, before anything is stored or queued, rather than failing later at Meta.
    if (req.type === 'template')
      await this.templates.check(number.wabaId, number.id, req.template, conversation.waId);
    // An uploaded file is checked against how it is sent (422), and brings its stored copy to the history.
    const { req: sending, media: uploaded, uploadId } = await sentMedia(em, conversationId, req);

    const messageId = uuidv7();
    const request = {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to,
      ...buildGraphMessage(sending, replyToWamid),
    };
    let job: StagedJob | undefined;
    let inserted = true;
    await em.transactional(async (tx) => {
      if (!options.automated) await this.guardOwner(tx, conversationId);
      // Marked (and locked) with the message, so the unsent-uploads prune never deletes bytes a message shows; one
      // pruned since it was looked up leaves the message without a copy (Meta still has the file).
      const media = uploadId && !(await markUploadSent(tx, uploadId, this.clock.now())) ? null : uploaded;
      inserted = await this.recorder.record(tx, {
        id: messageId,
        conversationId,
        numberId: conversation.numberId,
        type: req.type,
        body: replyBody(sending),
        content: { request },
        media,
        replyToWamid,
        clientKey: idempotencyKey ?? null,
        automated: options.automated ?? false,
        // The agent's reply carries its author (SLA response clocks are met by a person's reply).
        authorUserId: authorOf(options.automated),
      });
      if (inserted) job = await this.outbox.stage(tx, QUEUES.outboundMessages, { messageId });
    });
    if (!inserted) {
      const existing = idempotencyKey ? await replayOf(idempotencyKey) : undefined;
      if (existing) return { messageId: existing, created: false };
      // The key's row was there when we inserted but is gone now (deleted in between): nothing was stored, and
      // answering "created" would hand out an id that names no message.
      throw new ConflictException(
        `Idempotency-Key ${JSON.stringify(idempotencyKey)}: a concurrent request with this key stored a message that no longer exists; nothing was sent, retry with a new key`,
      );
    }
    if (job) await this.outbox.publish(job);
    return { messageId, created: true };
  }

  /**
   * With the conversation locked: its owner replies; an agent replying to an unowned one takes it through the claim
   * port (reason `reply`: the agent's lock, role and capacity, like a claim); an admin without a role there and an
   * API token (an integration, a bot) may reply to unowned ones only, owning nothing. Anyone else: 409 not_owner.
   */
  private async guardOwner(tx: EntityManager, conversationId: string): Promise<void> {
    const actor = requestContext.actor();
    if (actor?.type === 'user') {
      const outcome = await this.claims.claimInTransaction(
        tx,
        conversationId,
        { id: actor.id, label: actor.label },
        'reply',
      );
      if (outcome.result === 'other') throw notOwner(conversationId, outcome.ownerUserId, outcome.ownerName);
      return;
    }
    const state = await this.ownership.lock(tx, conversationId);
    if (!state) throw new NotFoundException(`conversation ${conversationId} not found`);
    if (state.ownerUserId) throw notOwner(conversationId, state.ownerUserId, null);
  }
}

/** The user behind a person's reply; none for the product's own messages and for API tokens. */
function authorOf(automated: boolean | undefined): string | null {
  const actor = requestContext.actor();
  return !automated && actor?.type === 'user' ? actor.id : null;
}

const notOwner = (conversationId: string, ownerUserId: string, name: string | null) =>
  new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    code: 'not_owner',
    ownerUserId,
    message: `conversation ${conversationId} is owned by ${name || `user ${ownerUserId}`}: only the owner replies; a supervisor can take it over`,
  });
