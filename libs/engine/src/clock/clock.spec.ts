import { describe, expect, it } from 'vitest';
import { Clock } from './clock';

describe('Clock', () => {
  it('follows the system clock and refuses to be moved unless controllable', () => {
    const clock = new Clock();
    const before = Date.now();
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(before);
    expect(() => clock.set(new Date(0))).toThrow(/controllable/);
    expect(() => clock.advance(1000)).toThrow(/controllable/);
  });

  it('freezes at set and moves by advance when controllable', () => {
    const clock = new Clock(true);
    clock.set(new Date('2030-01-07T10:00:00Z'));
    expect(clock.now().toISOString()).toBe('2030-01-07T10:00:00.000Z');
    clock.advance(90_000);
    expect(clock.now().toISOString()).toBe('2030-01-07T10:01:30.000Z');
  });

  it('tells its listeners when it is set or advanced, until they stop listening', () => {
    const clock = new Clock(true);
    const seen: string[] = [];
    const stop = clock.onChange(() => seen.push(clock.now().toISOString()));
    clock.set(new Date('2030-01-07T10:00:00Z'));
    clock.advance(1000);
    stop();
    clock.advance(1000);
    expect(seen).toEqual(['2030-01-07T10:00:00.000Z', '2030-01-07T10:00:01.000Z']);
  });
});
