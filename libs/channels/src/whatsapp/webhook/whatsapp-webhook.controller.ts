import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@switchboard/engine';
import { Request, Response } from 'express';
import { WhatsappNumberService } from '../numbers/whatsapp-number.service';
import { WebhookIntakeService } from './webhook-intake.service';

/** Meta's callback URL. Public by necessity; authenticity comes from the verify token and the signature. */
@ApiExcludeController()
@Public()
@Controller('webhooks/whatsapp')
export class WhatsappWebhookController {
  constructor(
    private readonly intake: WebhookIntakeService,
    private readonly numbers: WhatsappNumberService,
  ) {}

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

  @Post()
  @HttpCode(200)
  async receive(@Req() req: Request, @Res() res: Response): Promise<void> {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const outcome = await this.intake.accept(raw, req.header('x-hub-signature-256'));
    if (outcome.kind === 'bad_signature') {
      res.status(401).json({ statusCode: 401, error: 'Unauthorized', message: outcome.reason });
      return;
    }
    if (outcome.kind === 'bad_body') {
      res.status(400).json({ statusCode: 400, error: 'Bad Request', message: outcome.reason });
      return;
    }
    res.status(200).type('text/plain').send('EVENT_RECEIVED');
    this.intake.enqueue(outcome.eventId);
  }
}
