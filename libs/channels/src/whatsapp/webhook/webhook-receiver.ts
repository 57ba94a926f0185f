import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@switchboard/engine';
import { IncomingMessage, ServerResponse } from 'node:http';
import { readRawBody } from './read-raw-body';
import { WebhookIntakeService } from './webhook-intake.service';

export const WEBHOOK_PATH = '/webhooks/whatsapp';

function reply(res: ServerResponse, status: number, error: string, message: string): void {
  const body = JSON.stringify({ statusCode: status, error, message });
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

/**
 * `POST /webhooks/whatsapp`, the hottest path of the product, served as a plain node handler ahead of the
 * framework router: at one message per POST the router, body parser and interceptor chain cost more CPU than
 * the signature check and the insert together. The handshake (`GET`) stays a regular controller route.
 */
@Injectable()
export class WebhookReceiver {
  private readonly logger = new Logger(WebhookReceiver.name);

  constructor(
    private readonly intake: WebhookIntakeService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** True when this request is Meta's event POST (the exact path, any query string). */
  static matches(req: IncomingMessage): boolean {
    const url = req.url ?? '';
    return (
      req.method === 'POST' &&
      url.startsWith(WEBHOOK_PATH) &&
      (url.length === WEBHOOK_PATH.length || url[WEBHOOK_PATH.length] === '?')
    );
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    this.receive(req, res).catch((e: Error) => {
      // Nothing was acknowledged: Meta retries on any non-200.
      this.logger.error(`webhook not stored: ${e.message}`);
      if (!res.headersSent)
        reply(res, 503, 'Service Unavailable', 'the event could not be stored; retry later');
      else res.destroy();
    });
  }

  private async receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const max = this.config.whatsapp.maxWebhookBytes;
    const body = await readRawBody(req, max);
    if (body.kind === 'too_large') {
      return reply(
        res,
        413,
        'Payload Too Large',
        `webhook body exceeds ${max} bytes (Meta sends at most 3 MB)`,
      );
    }
    if (body.kind === 'aborted') return void res.destroy();
    const header = req.headers['x-hub-signature-256'];
    const outcome = await this.intake.accept(body.bytes, Array.isArray(header) ? header[0] : header);
    if (outcome.kind === 'bad_signature') return reply(res, 401, 'Unauthorized', outcome.reason);
    if (outcome.kind === 'bad_body') return reply(res, 400, 'Bad Request', outcome.reason);
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': 14 });
    res.end('EVENT_RECEIVED');
    this.intake.enqueue(outcome.eventId);
  }
}
