import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { retryable } from './coalesced-reads';

describe('dashboard: which failed reads are asked again', () => {
  it('the api unreachable or failing (5xx): yes', () => {
    expect(retryable(new ApiError('unreachable', 'down'))).toBe(true);
    expect(retryable(new ApiError('unreachable', 'bad gateway', 502))).toBe(true);
    expect(retryable(new ApiError('http', 'boom', 500))).toBe(true);
  });

  it('a refusal (4xx), a session ended, anything not from the api: no', () => {
    expect(retryable(new ApiError('http', 'to: must be after from', 422))).toBe(false);
    expect(retryable(new ApiError('http', 'forbidden', 403))).toBe(false);
    expect(retryable(new ApiError('unauthorized', 'signed out', 401))).toBe(false);
    expect(retryable(new TypeError('x is undefined'))).toBe(false);
  });
});
