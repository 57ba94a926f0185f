import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { MessageError, MessageStatusService } from '@switchboard/conversations';
import { DomainEvents } from '@switchboard/engine';
import { GraphClient } from '../graph/graph-client';
import { GraphError } from '../graph/graph-error';
import { NumberRegistry } from '../numbers/number-registry.service';
import { WhatsappNumberService } from '../numbers/whatsapp-number.service';

interface ClaimedMessage {
  content: { request?: Record<string, unknown> };
  number_id: string;
}

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
    private readonly events: DomainEvents,
  ) {}

  async send(
    messageId: string,
    finalAttempt: boolean,
  ): Promise<{ kind: SendResultKind; error?: GraphError }> {
    const claimed = await this.em.execute<ClaimedMessage[]>(
      `update messages m set status = 'sending', updated_at = now()
        where m.id = ? and m.status = 'queued' returning m.content, m.number_id`,
      [messageId],
    );
    const message = claimed[0];
    if (!message) {
      const stuck = await this.em.execute<{ id: string }[]>(
        `update messages set status = 'unconfirmed', error = ?, updated_at = now() where id = ? and status = 'sending' returning id`,
        [
          JSON.stringify({
            code: null,
            title: 'Send outcome unknown',
            details: 'the worker stopped while calling Meta; not re-sent to avoid a duplicate',
          }),
          messageId,
        ],
      );
      return { kind: stuck.length ? 'unconfirmed' : 'skipped' };
    }
    const number = await this.numbers.byId(message.number_id);
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
        const [sent] = await em.execute<{ conversation_id: string; department_id: string }[]>(
          `update messages m set wamid = coalesce(wamid, ?), status = case when status_rank < 1 then 'accepted' else status end,
                  status_rank = greatest(status_rank, 1), sent_at = coalesce(sent_at, now()), error = null, updated_at = now()
            where id = ?
            returning m.conversation_id,
              (select c.department_id from conversations c where c.id = m.conversation_id) as department_id`,
          [result.wamid, messageId],
          'all',
        );
        // Meta accepted it: the event commits with the wamid, before any status Meta reports for it.
        if (sent)
          await this.events.publish(em, {
            name: 'message.sent',
            payload: {
              messageId,
              conversationId: sent.conversation_id,
              numberId: number.id,
              departmentId: sent.department_id,
            },
          });
        await this.statuses.applyPending(em, result.wamid, number.id);
      });
      return { kind: 'accepted' };
    } catch (e) {
      if (!(e instanceof GraphError)) throw e;
      const error: MessageError = { code: e.code, title: e.title, details: e.details };
      if (e.kind === 'retry' && !finalAttempt) {
        await this.em.execute(
          `update messages set status = 'queued', error = ?, updated_at = now() where id = ?`,
          [JSON.stringify(error), messageId],
          'run',
        );
        return { kind: 'retry', error: e };
      }
      if (e.kind === 'unknown') {
        await this.em.execute(
          `update messages set status = 'unconfirmed', error = ?, updated_at = now() where id = ? and status = 'sending'`,
          [JSON.stringify(error), messageId],
          'run',
        );
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
    await this.em.execute(
      `update messages set status = 'failed', status_rank = 6, error = ?, updated_at = now() where id = ? and status_rank < 6`,
      [JSON.stringify(error), messageId],
      'run',
    );
  }
}
