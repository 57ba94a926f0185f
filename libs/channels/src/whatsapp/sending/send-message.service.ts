import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { MessageError, MessageStatusService, OutboundMessageStates } from '@switchboard/conversations';
import { DomainEvents } from '@switchboard/engine';
import { GraphClient } from '../graph/graph-client';
import { GraphError } from '../graph/graph-error';
import { NumberRegistry } from '../numbers/number-registry.service';
import { WhatsappNumberService } from '../numbers/whatsapp-number.service';

export type SendResultKind = 'accepted' | 'retry' | 'failed' | 'unconfirmed' | 'skipped';

/**
 * Sends one queued message to Meta. The message is marked `sending` before the call, so a worker that
 * dies mid-call leaves evidence: the next attempt marks it `unconfirmed` instead of sending it twice.
 */
@Injectable()
export class SendMessageService {
  private readonly logger = new Logger(SendMessageService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly graph: GraphClient,
    private readonly numbers: NumberRegistry,
    private readonly numberAdmin: WhatsappNumberService,
    private readonly statuses: MessageStatusService,
    private readonly states: OutboundMessageStates,
    private readonly events: DomainEvents,
  ) {}

  async send(
    messageId: string,
    finalAttempt: boolean,
  ): Promise<{ kind: SendResultKind; error?: GraphError }> {
    const message = await this.states.takeForSending(messageId);
    if (!message) {
      const stuck = await this.states.giveUpInFlight(messageId, {
        code: null,
        title: 'Send outcome unknown',
        details: 'the worker stopped while calling Meta; not re-sent to avoid a duplicate',
      });
      return { kind: stuck ? 'unconfirmed' : 'skipped' };
    }
    const number = await this.numbers.byId(message.numberId);
    if (!number || number.health === 'token_invalid' || !message.content.request) {
      await this.fail(messageId, {
        code: number?.health === 'token_invalid' ? 190 : null,
        title: !number
          ? 'WhatsApp number is not registered'
          : number.health === 'token_invalid'
            ? 'Access token invalid'
            : 'Message has no request body',
        details: number?.health === 'token_invalid' ? 'the number needs a new access token' : undefined,
      });
      return { kind: 'failed' };
    }
    try {
      const result = await this.graph.sendMessage(number, {
        ...message.content.request,
        biz_opaque_callback_data: `sb:${messageId}`,
      });
      await this.em.fork().transactional(async (em) => {
        const sent = await this.states.accept(em, messageId, result.wamid);
        // Meta accepted it: the event commits with the wamid, before any status Meta reports for it.
        if (sent)
          await this.events.publish(em, {
            name: 'message.sent',
            payload: {
              messageId,
              conversationId: sent.conversationId,
              numberId: number.id,
              departmentId: sent.departmentId,
              byUserId: sent.authorUserId,
              automated: sent.automated,
            },
          });
        await this.statuses.applyPending(em, result.wamid, number.id);
      });
      return { kind: 'accepted' };
    } catch (e) {
      if (!(e instanceof GraphError)) throw e;
      const error: MessageError = { code: e.code, title: e.title, details: e.details };
      if (e.kind === 'retry' && !finalAttempt) {
        await this.states.requeue(messageId, error);
        return { kind: 'retry', error: e };
      }
      if (e.kind === 'unknown') {
        await this.states.markUnconfirmed(messageId, error);
        this.logger.warn(`message ${messageId}: send outcome unknown (${e.message}); not re-sent`);
        return { kind: 'unconfirmed', error: e };
      }
      if (e.kind === 'token_invalid') await this.numberAdmin.markTokenInvalid(number.id, e.message);
      await this.fail(
        messageId,
        e.kind === 'retry' ? { ...error, title: `Gave up after repeated errors: ${error.title}` } : error,
      );
      return { kind: 'failed', error: e };
    }
  }

  private async fail(messageId: string, error: MessageError): Promise<void> {
    await this.states.markFailed(messageId, error);
  }
}
