import { describe, expect, it } from 'vitest';
import { trimTrailingSlashes } from './trim-trailing-slashes';

describe('trimTrailingSlashes', () => {
  it('drops only the trailing slashes', () => {
    expect(trimTrailingSlashes('/_sim/health///')).toBe('/_sim/health');
    expect(trimTrailingSlashes('/a//b')).toBe('/a//b');
    expect(trimTrailingSlashes('///')).toBe('');
    expect(trimTrailingSlashes('')).toBe('');
  });

  it('takes linear time on a long run of slashes that does not end the path', () => {
    const path = `${'/'.repeat(50_000)}x`; // the regex it replaces: about 2 s
    const started = performance.now();
    expect(trimTrailingSlashes(path)).toBe(path);
    expect(performance.now() - started).toBeLessThan(50);
  });
});
