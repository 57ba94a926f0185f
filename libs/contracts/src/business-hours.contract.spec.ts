import { describe, expect, it } from 'vitest';
import { isTimeZone } from './business-hours.contract';

describe('isTimeZone', () => {
  it('knows IANA zones in any letter case, and keeps knowing them once remembered', () => {
    expect(isTimeZone('America/Sao_Paulo')).toBe(true);
    expect(isTimeZone('america/sao_paulo')).toBe(true);
    expect(isTimeZone('AMERICA/SAO_PAULO')).toBe(true);
    expect(isTimeZone('America/Sao_Paulo')).toBe(true);
  });

  it('refuses unknown zones, also one that folds into a remembered zone through a non-ASCII letter', () => {
    expect(isTimeZone('Asia/Kolkata')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    // U+212A KELVIN SIGN lower-cases to "k", but Intl refuses the name.
    expect(isTimeZone('Asia/\u212Aolkata')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
