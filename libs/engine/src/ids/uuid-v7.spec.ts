import { describe, expect, it } from 'vitest';
import { uuidv7 } from './uuid-v7';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const msOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('uuidv7', () => {
  it('is a v7 UUID, unique, and ordered by time', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => uuidv7(1_700_000_000_000 + i));
    expect(new Set(ids).size).toBe(1000);
    expect(ids.every((id) => V7.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
  });

  it('sorts in minting order within one millisecond, borrowing the next one when the counter is full', () => {
    const at = 1_800_000_000_000;
    const ids = Array.from({ length: 10_000 }, () => uuidv7(at));
    expect(new Set(ids).size).toBe(10_000);
    expect(ids.every((id) => V7.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(msOf(ids[0])).toBe(at);
    // 4,096 counter values per millisecond at most: 10,000 ids span a few milliseconds, never fewer than 3.
    expect(msOf(ids[ids.length - 1]) - at).toBeGreaterThanOrEqual(2);
    // A clock that steps back (NTP) does not break the order either.
    expect(uuidv7(at - 5_000) > ids[ids.length - 1]).toBe(true);
  });
});
