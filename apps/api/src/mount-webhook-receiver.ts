import { INestApplication } from '@nestjs/common';
import { WebhookReceiver } from '@switchboard/channels';
import { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';

/**
 * Meta's event POSTs are answered straight from the HTTP server, ahead of the framework: at one message per POST
 * the router and middleware chain cost more CPU than the signature check and the insert. Every other request,
 * including the webhook handshake, goes to the framework unchanged.
 */
export function mountWebhookReceiver(app: INestApplication): void {
  const receiver = app.get(WebhookReceiver);
  const server = app.getHttpServer() as Server;
  const framework = server.listeners('request') as RequestListener[];
  if (framework.length !== 1)
    throw new Error(`expected one HTTP request listener, found ${framework.length}`);
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) =>
    WebhookReceiver.matches(req) ? receiver.handle(req, res) : framework[0](req, res),
  );
}
