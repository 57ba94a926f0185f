import { randomBytes } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import type { ConnectionCheck } from '../entities/whatsapp-number.entity';
import { GraphClient, GraphTarget, PhoneNumberFields } from '../graph/graph-client';
import { GraphError } from '../graph/graph-error';
import { WebhookHandshake } from '../webhook/webhook-handshake';

/** What a connection test needs to know about a number (stored, or being registered). */
export interface ConnectionTarget extends GraphTarget {
  phoneNumberId: string;
  wabaId: string;
  verifyToken: string;
}

export interface ConnectionTestResult {
  ok: boolean;
  checks: ConnectionCheck[];
  /** What Graph reported about the number; null when the token check failed. */
  fields: PhoneNumberFields | null;
}

const metaError = (e: unknown): NonNullable<ConnectionCheck['error']> =>
  e instanceof GraphError
    ? { code: e.code, subcode: e.subcode, message: e.details ? `${e.title}: ${e.details}` : e.title }
    : { code: null, message: e instanceof Error ? e.message : String(e) };

/** 422 naming each failing check with Meta's code and message; `checks` lists every check. */
export const connectionTestFailed = (checks: ConnectionCheck[]) =>
  new UnprocessableEntityException({
    statusCode: 422,
    error: 'Unprocessable Entity',
    message: `connection test failed: ${checks
      .filter((c) => !c.ok)
      .map(
        (c) =>
          `${c.name}${c.error?.code != null ? ` (#${c.error.code})` : ''}: ${c.error?.message ?? 'failed'}`,
      )
      .join('; ')}`,
    checks,
  });

/**
 * Checks a number's connection to Meta, each check on its own so one failure does not hide another: the token
 * reaches the number, the app is subscribed to the WABA (subscribing it when it is not), and our webhook handshake
 * accepts the verify token.
 */
@Injectable()
export class ConnectionTestService {
  constructor(
    private readonly graph: GraphClient,
    private readonly handshake: WebhookHandshake,
  ) {}

  /** The token reaches the number: GET /{phone-number-id}, which also reads what Meta reports about it. */
  async tokenCheck(
    target: GraphTarget & { phoneNumberId: string },
  ): Promise<{ check: ConnectionCheck; fields: PhoneNumberFields | null }> {
    try {
      const fields = await this.graph.phoneNumber(target, target.phoneNumberId);
      return {
        check: { name: 'token', ok: true, detail: `the token reaches ${target.phoneNumberId}` },
        fields,
      };
    } catch (e) {
      return { check: { name: 'token', ok: false, error: metaError(e) }, fields: null };
    }
  }

  /** The Graph checks (token, subscription). */
  async graphChecks(target: ConnectionTarget): Promise<Omit<ConnectionTestResult, 'ok'>> {
    const { check, fields } = await this.tokenCheck(target);
    const checks: ConnectionCheck[] = [check];
    try {
      const subscribed = await this.graph.subscribedApps(target, target.wabaId);
      if (subscribed.data?.length) {
        checks.push({ name: 'subscribed_app', ok: true, detail: 'the app is subscribed to the WABA' });
      } else {
        await this.graph.subscribeApp(target, target.wabaId);
        checks.push({
          name: 'subscribed_app',
          ok: true,
          detail: 'the app was not subscribed to the WABA; subscribed it',
        });
      }
    } catch (e) {
      checks.push({ name: 'subscribed_app', ok: false, error: metaError(e) });
    }
    return { checks, fields };
  }

  /**
   * Meta's GET handshake against our own handler, in-process: `em` is the transaction the number is registered on
   * (it is not committed yet), or omitted for a stored number.
   */
  async verifyTokenCheck(verifyToken: string, em?: EntityManager): Promise<ConnectionCheck> {
    const challenge = randomBytes(12).toString('hex');
    const answer = await this.handshake.answer(
      new URLSearchParams({
        'hub.mode': 'subscribe',
        'hub.verify_token': verifyToken,
        'hub.challenge': challenge,
      }),
      em,
    );
    if (answer.status === 200 && answer.body === challenge)
      return { name: 'webhook_verify_token', ok: true, detail: 'the webhook handshake echoes the challenge' };
    return {
      name: 'webhook_verify_token',
      ok: false,
      error: { code: null, message: `the webhook handshake answered ${answer.status}: ${answer.body}` },
    };
  }
}
