import { createHmac } from 'node:crypto';

/** The X-Hub-Signature-256 value Meta sends: HMAC-SHA256 of the exact body bytes, keyed by the app secret. */
export function signBody(body: string | Buffer, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}
