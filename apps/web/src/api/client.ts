import type { ConversationView, MessageView, Page } from '@switchboard/contracts';

const TOKEN_KEY = 'switchboard.token';

export function readToken(): string | null {
  const value = localStorage.getItem(TOKEN_KEY);
  return value ? value : null;
}

export function writeToken(token: string): void {
  localStorage.setItem(TOKEN_KEY, token);
}

export function clearToken(): void {
  localStorage.removeItem(TOKEN_KEY);
}

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

type Query = Record<string, string | number | undefined>;

/** GET a JSON resource from the API on the same origin, with the stored bearer token. */
export async function apiGet<T>(path: string, query: Query = {}, token = readToken()): Promise<T> {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;

  let response: Response;
  try {
    response = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
  } catch {
    throw new ApiError('unreachable', 'The Switchboard API cannot be reached. Is it running?');
  }
  if (response.status === 401) {
    throw new ApiError('unauthorized', 'The API refused the token (401). Check it and log in again.', 401);
  }
  if (response.status === 502 || response.status === 503 || response.status === 504) {
    throw new ApiError(
      'unreachable',
      `The Switchboard API cannot be reached (${response.status}). Is it running?`,
      response.status,
    );
  }
  if (!response.ok) {
    throw new ApiError(
      'http',
      `The API answered ${response.status} ${await errorDetail(response)}`,
      response.status,
    );
  }
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError('http', 'The API answered with something that is not JSON.', response.status);
  }
}

async function errorDetail(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { message?: unknown };
    if (typeof body.message === 'string') return `: ${body.message}`;
    if (Array.isArray(body.message)) return `: ${body.message.join('; ')}`;
  } catch {
    // not JSON: the status says enough
  }
  return response.statusText ? `(${response.statusText})` : '';
}

export function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export const api = {
  listConversations: (limit = 100, token?: string) =>
    apiGet<Page<ConversationView>>('/api/conversations', { limit }, token),
  listMessages: (conversationId: string) =>
    apiGet<Page<MessageView>>(`/api/conversations/${encodeURIComponent(conversationId)}/messages`),
};
