import type { ConversationView, MessageView, Page } from '@switchboard/contracts';

// The access token lives in memory only (never in localStorage, where injected script could read it). The refresh
// token is an httpOnly cookie the browser sends to /api/auth; a reload gets a new access token from it.
let accessToken: string | null = null;

export function readToken(): string | null {
  return accessToken;
}

export function writeToken(token: string): void {
  accessToken = token;
}

export function clearToken(): void {
  accessToken = null;
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

/** The signed-in user, as the API describes them. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  memberships: { departmentId: string; departmentKey: string; role: string }[];
}

interface LoginResponse {
  accessToken: string;
  user: SessionUser;
}

async function authPost(path: string, body?: unknown): Promise<Response> {
  try {
    return await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    throw new ApiError('unreachable', 'The Switchboard API cannot be reached. Is it running?');
  }
}

/** The password was right and a code is needed (and, for a forced setup, the secret to add to the app). */
export interface MfaChallenge {
  mfaRequired: true;
  mfaSetupRequired: boolean;
  mfaToken: string;
  secret?: string;
  otpauthUri?: string;
}

async function sessionFrom(response: Response): Promise<SessionUser> {
  if (!response.ok) {
    const detail = await errorDetail(response);
    throw new ApiError(
      response.status === 401 ? 'unauthorized' : 'http',
      detail.replace(/^: /, ''),
      response.status,
    );
  }
  const body = (await response.json()) as LoginResponse;
  writeToken(body.accessToken);
  return body.user;
}

/** Signs in; keeps the access token in memory (the refresh cookie is set by the API). */
export async function login(email: string, password: string): Promise<SessionUser | MfaChallenge> {
  const response = await authPost('/api/auth/login', { email, password });
  if (response.ok) {
    const body = (await response.clone().json()) as Partial<MfaChallenge>;
    if (body.mfaRequired) return body as MfaChallenge;
  }
  return sessionFrom(response);
}

export interface SsoProvider {
  id: string;
  name: string;
  startPath: string;
}

/** Single sign-on providers configured for this installation (empty when none). */
export async function ssoProviders(): Promise<SsoProvider[]> {
  try {
    const response = await fetch('/api/auth/providers', { headers: { Accept: 'application/json' } });
    return response.ok ? ((await response.json()) as SsoProvider[]) : [];
  } catch {
    return [];
  }
}

/** After single sign-on asked for a second factor: what it needs (a code, or a setup first). */
export async function describeMfaChallenge(mfaToken: string): Promise<MfaChallenge> {
  const response = await authPost('/api/auth/mfa/challenge', { mfaToken });
  if (!response.ok)
    throw new ApiError('http', (await errorDetail(response)).replace(/^: /, ''), response.status);
  return (await response.json()) as MfaChallenge;
}

/** The second step: the challenge and a code from the authenticator app. */
export async function verifyMfa(mfaToken: string, code: string): Promise<SessionUser> {
  return sessionFrom(await authPost('/api/auth/mfa/verify', { mfaToken, code }));
}

/** A new access token from the refresh cookie; null when there is no live session. */
export async function refreshSession(): Promise<SessionUser | null> {
  const response = await authPost('/api/auth/refresh');
  if (!response.ok) {
    clearToken();
    return null;
  }
  const body = (await response.json()) as LoginResponse;
  writeToken(body.accessToken);
  return body.user;
}

/** Sets a password with an invitation or reset link. */
export async function acceptLink(token: string, password: string): Promise<void> {
  const response = await authPost('/api/auth/accept', { token, password });
  if (!response.ok)
    throw new ApiError('http', (await errorDetail(response)).replace(/^: /, ''), response.status);
}

export async function logout(): Promise<void> {
  clearToken();
  await authPost('/api/auth/logout').catch(() => undefined);
}

/** GET a JSON resource from the API on the same origin; an expired access token is renewed once. */
export async function apiGet<T>(path: string, query: Query = {}): Promise<T> {
  try {
    return await apiGetOnce<T>(path, query, readToken());
  } catch (err) {
    if (err instanceof ApiError && err.kind === 'unauthorized' && (await refreshSession()))
      return apiGetOnce<T>(path, query, readToken());
    throw err;
  }
}

async function apiGetOnce<T>(path: string, query: Query, token: string | null): Promise<T> {
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
    throw new ApiError('unauthorized', 'Your session has ended (401). Please sign in again.', 401);
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
  listConversations: (limit = 100) => apiGet<Page<ConversationView>>('/api/conversations', { limit }),
  listMessages: (conversationId: string) =>
    apiGet<Page<MessageView>>(`/api/conversations/${encodeURIComponent(conversationId)}/messages`),
};
