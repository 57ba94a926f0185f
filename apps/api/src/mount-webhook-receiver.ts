import { INestApplication } from '@nestjs/common';
import { WebhookReceiver } from '@switchboard/channels';
import { APP_CONFIG, AppConfig } from '@switchboard/engine';
import { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { securityHeaders, TrustProxy } from './security-headers';

/**
 * Meta's event POSTs are answered straight from the HTTP server, ahead of the framework: at one message per POST
 * the router and middleware chain cost more CPU than the signature check and the insert. Every other request,
 * including the webhook handshake, goes to the framework unchanged. The security headers are set here, ahead of
 * both, so no response (webhook, API, web app, 404) leaves without them.
 */
export function mountWebhookReceiver(app: INestApplication): void {
  const receiver = app.get(WebhookReceiver);
  const server = app.getHttpServer() as Server;
  const express = app.getHttpAdapter().getInstance() as { get(setting: string): unknown };
  const socketPath = app.get<AppConfig>(APP_CONFIG).realtime.path;
  const headers = securityHeaders(() => express.get('trust proxy fn') as TrustProxy, socketPath);
  const framework = server.listeners('request') as RequestListener[];
  if (framework.length !== 1)
    throw new Error(`expected one HTTP request listener, found ${framework.length}`);
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) =>
    headers(req, res, () =>
      WebhookReceiver.matches(req) ? receiver.handle(req, res) : framework[0](req, res),
    ),
  );
}
