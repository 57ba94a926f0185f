/** How the sender must react to an outcome of a Graph call. */
export type SendOutcomeKind =
  /** Meta did not take the message (rate, throughput, transient): retrying cannot duplicate it. */
  | 'retry'
  /** Meta refused it for good (bad request, template, policy): mark failed with Meta's reason. */
  | 'fail'
  /** The access token is expired or invalid (190): the number needs a new token. */
  | 'token_invalid'
  /** We cannot know whether Meta took it (timeout, connection reset after sending): never re-send blindly. */
  | 'unknown';

export class GraphError extends Error {
  constructor(
    readonly kind: SendOutcomeKind,
    readonly code: number | null,
    readonly title: string,
    readonly details: string | undefined,
    readonly httpStatus: number | null,
    readonly subcode: number | null = null,
  ) {
    super(`${code !== null ? `(#${code}) ` : ''}${title}${details ? `: ${details}` : ''}`);
    this.name = 'GraphError';
  }
}

const RETRYABLE = new Set([4, 80007, 130429, 131000, 131016, 131056, 131057, 133004]);
const AUTH = new Set([0, 190]);

export function classifyGraphError(code: number | null, httpStatus: number): SendOutcomeKind {
  if (code !== null && AUTH.has(code)) return 'token_invalid';
  if (code !== null && RETRYABLE.has(code)) return 'retry';
  if (httpStatus >= 500 && code === null) return 'retry';
  return 'fail';
}

/** Network errors raised before the request could have reached Meta: safe to retry. */
const PRE_SEND_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'ECONNRESET_BEFORE_SEND',
]);

export function isPreSendNetworkError(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return PRE_SEND_CODES.has(err.code ?? '') || PRE_SEND_CODES.has(err.cause?.code ?? '');
}
