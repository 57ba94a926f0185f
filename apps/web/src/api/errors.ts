/** Why a call failed: the token was refused, the API could not be reached, or it answered with another error. */
export type ApiErrorKind = 'unauthorized' | 'unreachable' | 'http';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The API's own words for a failure (`message` of its JSON error body), if it gave any. */
export function errorDetail(body: unknown, statusText: string): string {
  const message = (body as { message?: unknown } | null | undefined)?.message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join('; ');
  return statusText;
}
