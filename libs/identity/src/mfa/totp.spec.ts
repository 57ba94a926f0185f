import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, matchTotp, totpAt } from './totp';

// RFC 6238 appendix B, SHA1, secret "12345678901234567890"; codes truncated to 6 digits.
const SECRET = base32Encode(Buffer.from('12345678901234567890'));

describe('totp', () => {
  it('matches the RFC 6238 test vectors', () => {
    expect(totpAt(SECRET, Math.floor(59 / 30))).toBe('287082');
    expect(totpAt(SECRET, Math.floor(1111111109 / 30))).toBe('081804');
    expect(totpAt(SECRET, Math.floor(1234567890 / 30))).toBe('005924');
    expect(totpAt(SECRET, Math.floor(2000000000 / 30))).toBe('279037');
  });

  it('round-trips base32', () => {
    const bytes = Buffer.from('any bytes at all \u00e9');
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
  });

  it('accepts one step of drift, refuses reuse and garbage', () => {
    const now = 1234567890 * 1000;
    const step = Math.floor(1234567890 / 30);
    expect(matchTotp(SECRET, totpAt(SECRET, step - 1), null, now)).toBe(step - 1);
    expect(matchTotp(SECRET, totpAt(SECRET, step - 2), null, now)).toBeNull();
    expect(matchTotp(SECRET, totpAt(SECRET, step), step, now)).toBeNull();
    expect(matchTotp(SECRET, '12345', null, now)).toBeNull();
    expect(matchTotp(SECRET, ' 005924', null, now)).toBeNull();
  });

  it('trims padding in linear time: a long run of = that is not at the end is refused at once', () => {
    const started = performance.now();
    expect(() => base32Decode('='.repeat(100_000) + 'x')).toThrow('not base32: =');
    expect(performance.now() - started).toBeLessThan(100);
    expect(base32Decode(base32Encode(Buffer.from('ab')) + '====')).toEqual(Buffer.from('ab'));
  });
});
