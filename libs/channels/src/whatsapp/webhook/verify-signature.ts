import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Meta signs the exact POST bytes: `X-Hub-Signature-256: sha256=<lowercase hex HMAC-SHA256(appSecret)>`.
 * Returns the index of the secret that verifies the body, or -1. Constant-time per comparison.
 */
export function matchSignature(rawBody: Buffer, header: string | undefined, secrets: string[]): number {
  if (!header || !header.startsWith('sha256=')) return -1;
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  if (given.length !== 32) return -1;
  for (let i = 0; i < secrets.length; i++) {
    const expected = createHmac('sha256', secrets[i]).update(rawBody).digest();
    if (timingSafeEqual(expected, given)) return i;
  }
  return -1;
}
