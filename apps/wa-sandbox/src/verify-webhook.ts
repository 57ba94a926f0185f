import { request } from 'undici';
import { newChallenge } from './ids';
import type { SandboxNumber, VerifyWebhookResult } from './types';

/**
 * Meta's subscription handshake: GET the callback with hub.mode/hub.challenge/hub.verify_token; verified
 * only if the answer is 200 with a body equal to the challenge, byte for byte.
 */
export async function verifyWebhook(
  number: SandboxNumber,
  opts: { verifyToken?: string; timeoutMs: number },
): Promise<VerifyWebhookResult> {
  const challenge = newChallenge();
  const url = new URL(number.webhookUrl);
  url.searchParams.set('hub.mode', 'subscribe');
  url.searchParams.set('hub.challenge', challenge);
  url.searchParams.set('hub.verify_token', opts.verifyToken ?? number.verifyToken);
  try {
    const res = await request(url, {
      method: 'GET',
      headers: { 'user-agent': 'facebookplatform/1.0 (+http://developers.facebook.com)' },
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
    const body = await res.body.text();
    return { ok: res.statusCode === 200 && body === challenge, status: res.statusCode, body, challenge };
  } catch (err) {
    return { ok: false, status: 0, body: err instanceof Error ? err.message : String(err), challenge };
  }
}
