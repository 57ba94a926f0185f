import { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { WebhookReceiver } from './webhook-receiver';

const req = (method: string, url: string) => ({ method, url }) as IncomingMessage;

describe('WebhookReceiver.matches', () => {
  it('takes POSTs to the exact webhook path, with or without a query string', () => {
    expect(WebhookReceiver.matches(req('POST', '/webhooks/whatsapp'))).toBe(true);
    expect(WebhookReceiver.matches(req('POST', '/webhooks/whatsapp?source=meta'))).toBe(true);
  });

  it('leaves the handshake, other methods and other paths to the framework', () => {
    expect(WebhookReceiver.matches(req('GET', '/webhooks/whatsapp?hub.mode=subscribe'))).toBe(false);
    expect(WebhookReceiver.matches(req('PUT', '/webhooks/whatsapp'))).toBe(false);
    expect(WebhookReceiver.matches(req('POST', '/webhooks/whatsappx'))).toBe(false);
    expect(WebhookReceiver.matches(req('POST', '/webhooks/whatsapp/other'))).toBe(false);
    expect(WebhookReceiver.matches(req('POST', '/api/webhooks/whatsapp'))).toBe(false);
  });
});
