import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { WhatsappNumberService } from '../numbers/whatsapp-number.service';

export interface HandshakeAnswer {
  status: 200 | 400 | 403;
  body: string;
}

/**
 * Meta's GET handshake: echo `hub.challenge` when `hub.verify_token` belongs to a number. One function for the
 * public route and for the connection test, which calls it in-process (on the registering transaction, so the
 * number being registered counts).
 */
@Injectable()
export class WebhookHandshake {
  constructor(private readonly numbers: WhatsappNumberService) {}

  async answer(params: URLSearchParams, em?: EntityManager): Promise<HandshakeAnswer> {
    const mode = params.get('hub.mode');
    const challenge = params.get('hub.challenge');
    const token = params.get('hub.verify_token') ?? '';
    if (mode !== 'subscribe' || challenge === null)
      return { status: 400, body: 'hub.mode must be "subscribe" and hub.challenge is required' };
    if (!(await this.numbers.verifyTokenKnown(token, em)))
      return { status: 403, body: 'hub.verify_token does not match any WhatsApp number' };
    return { status: 200, body: challenge };
  }
}
