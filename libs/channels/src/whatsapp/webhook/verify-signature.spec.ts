import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { matchSignature } from './verify-signature';

const sign = (body: Buffer, secret: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('matchSignature', () => {
  const body = Buffer.from('{"a":"caf\\u00e9\\/\\ud83d\\ude2e"}');

  it('finds the secret that signed the raw bytes', () => {
    expect(matchSignature(body, sign(body, 'two'), ['one', 'two'])).toBe(1);
  });

  it('rejects missing, malformed, wrong-length and wrong-secret signatures', () => {
    expect(matchSignature(body, undefined, ['one'])).toBe(-1);
    expect(matchSignature(body, 'sha1=abc', ['one'])).toBe(-1);
    expect(matchSignature(body, 'sha256=abcd', ['one'])).toBe(-1);
    expect(matchSignature(body, sign(body, 'three'), ['one', 'two'])).toBe(-1);
  });

  it('does not match the same JSON re-serialised (the HMAC covers bytes, not meaning)', () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString())));
    expect(matchSignature(reserialised, sign(body, 'one'), ['one'])).toBe(-1);
  });
});
