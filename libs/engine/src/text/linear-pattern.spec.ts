import { describe, expect, it } from 'vitest';
import { LinearPattern } from './linear-pattern';

describe('LinearPattern', () => {
  it('matches whole inputs, finds parts, and replaces literally', () => {
    const email = new LinearPattern('[^\\s@]+@[^\\s@]+\\.[^\\s@]+');
    expect(email.matches('ana@example.com')).toBe(true);
    expect(email.matches('ana@example')).toBe(false);
    expect(email.matches('x ana@example.com')).toBe(false);
    expect(new LinearPattern('urgent', { ignoreCase: true }).test('This is URGENT!')).toBe(true);
    expect(new LinearPattern('[\\s().-]').replaceAll('+55 (11) 9999-0000', '')).toBe('+551199990000');
    expect(new LinearPattern('a').replaceAll('aba', '$1')).toBe('$1b$1');
  });

  it('takes linear time where the JavaScript engine backtracks quadratically', () => {
    const pattern = '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$';
    const linear = new LinearPattern(pattern);
    const time = (n: number) => {
      const input = `a@${'a.'.repeat(n)}@`;
      const started = process.hrtime.bigint();
      expect(linear.matches(input)).toBe(false);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    time(1000); // warm up
    const small = time(10_000);
    const large = time(40_000);
    // Four times the input: a linear matcher takes about four times as long, a quadratic one sixteen times.
    expect(
      large / small,
      `${small.toFixed(1)} ms for 20k chars, ${large.toFixed(1)} ms for 80k`,
    ).toBeLessThan(9);
  });
});
