import { describe, expect, it } from 'vitest';
import { isAfter } from './cursor';

describe('isAfter', () => {
  it('orders stream cursors by transaction, then sequence, as numbers', () => {
    expect(isAfter('10:2', '9:900')).toBe(true);
    expect(isAfter('9:900', '10:2')).toBe(false);
    expect(isAfter('10:10', '10:9')).toBe(true);
    expect(isAfter('10:9', '10:10')).toBe(false);
    expect(isAfter('10:9', '10:9')).toBe(false);
    expect(isAfter('9007199254740993:1', '9007199254740992:1')).toBe(true);
  });

  it('takes any stream cursor over none, and never a presence cursor', () => {
    expect(isAfter('1:1', null)).toBe(true);
    expect(isAfter('live:abc', null)).toBe(false);
    expect(isAfter('live:abc', '1:1')).toBe(false);
  });
});
