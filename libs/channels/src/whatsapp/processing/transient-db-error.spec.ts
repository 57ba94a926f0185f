import { describe, expect, it } from 'vitest';
import { isTransientDbError } from './transient-db-error';

describe('isTransientDbError', () => {
  it.each(['40P01', '40001', '55P03', '08006', 'ECONNRESET'])('treats %s as "try again"', (code) =>
    expect(isTransientDbError(Object.assign(new Error('x'), { code }))).toBe(true),
  );
  it.each(['23505', '23514', '22P02', undefined])('treats %s as a real problem with the data', (code) =>
    expect(isTransientDbError(Object.assign(new Error('x'), { code }))).toBe(false),
  );
});
