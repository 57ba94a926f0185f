import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@switchboard/engine';
import { Request, Response } from 'express';
import { WhatsappNumberService } from '../numbers/whatsapp-number.service';

/**
 * Meta's callback URL, handshake side. Public by necessity; authenticity comes from the verify token. Event POSTs
 * are served by WebhookReceiver ahead of the router (see there).
 */
@ApiExcludeController()
@Public()
@Controller('webhooks/whatsapp')
export class WhatsappWebhookController {
  constructor(private readonly numbers: WhatsappNumberService) {}

  /** Meta's handshake. Reads the raw query string: `hub.mode` must not be parsed as a nested object. */
  @Get()
  async verify(@Req() req: Request, @Res() res: Response): Promise<void> {
    const params = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
    const mode = params.get('hub.mode');
    const challenge = params.get('hub.challenge');
    const token = params.get('hub.verify_token') ?? '';
    if (mode !== 'subscribe' || challenge === null) {
      res.status(400).type('text/plain').send('hub.mode must be "subscribe" and hub.challenge is required');
      return;
    }
    if (!(await this.numbers.verifyTokenKnown(token))) {
      res.status(403).type('text/plain').send('hub.verify_token does not match any WhatsApp number');
      return;
    }
    res.status(200).type('text/plain').send(challenge);
  }
}
