import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@switchboard/engine';
import { Request, Response } from 'express';
import { WebhookHandshake } from './webhook-handshake';

/**
 * Meta's callback URL, handshake side. Public by necessity; authenticity comes from the verify token. Event POSTs
 * are served by WebhookReceiver ahead of the router (see there).
 */
@ApiExcludeController()
@Public()
@Controller('webhooks/whatsapp')
export class WhatsappWebhookController {
  constructor(private readonly handshake: WebhookHandshake) {}

  /** Meta's handshake. Reads the raw query string: `hub.mode` must not be parsed as a nested object. */
  @Get()
  async verify(@Req() req: Request, @Res() res: Response): Promise<void> {
    const answer = await this.handshake.answer(new URLSearchParams(req.originalUrl.split('?')[1] ?? ''));
    res.status(answer.status).type('text/plain').send(answer.body);
  }
}
