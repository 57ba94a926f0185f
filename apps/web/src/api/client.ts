import type {
  AgentAvailability,
  AvailabilityHistoryView,
  AvailabilityView,
  ConversationView,
  MessageView,
  Page,
} from '@switchboard/contracts';
import { ApiError } from './errors';
import { bodyOf, http, type Outcome, succeeded } from './http';
import type { components, paths } from './schema';
import { clearToken, writeToken } from './token';

export { ApiError, describeError, type ApiErrorKind } from './errors';
export { clearToken, readToken, writeToken } from './token';

type Schemas = components['schemas'];

/** The signed-in user, as the API describes them. */
export type SessionUser = Schemas['UserDto'];

type LoginResponse = Schemas['LoginResponseDto'];

/** The password was right and a code is needed (and, for a forced setup, the secret to add to the app). */
export type MfaChallenge = Schemas['MfaChallengeResponseDto'];

export type SsoProvider = Schemas['SsoProviderDto'];

export type ConversationFilter = NonNullable<paths['/api/conversations']['get']['parameters']['query']>;

/** Runs a call with the current access token; when it is refused, renews it once from the refresh cookie. */
async function authorized<O extends Outcome>(call: () => Promise<O>): Promise<O> {
  const first = await call();
  if (first.response.status !== 401 || !(await refreshSession())) return first;
  return call();
}

function session(body: LoginResponse): SessionUser {
  writeToken(body.accessToken);
  return body.user;
}

/** Signs in; keeps the access token in memory (the refresh cookie is set by the API). */
export async function login(email: string, password: string): Promise<SessionUser | MfaChallenge> {
  const body = bodyOf(await http.POST('/api/auth/login', { body: { email, password } }));
  return 'mfaRequired' in body ? body : session(body);
}

/** Single sign-on providers configured for this installation (empty when none). */
export async function ssoProviders(): Promise<SsoProvider[]> {
  try {
    return bodyOf(await http.GET('/api/auth/providers'));
  } catch {
    return [];
  }
}

/** After single sign-on asked for a second factor: what it needs (a code, or a setup first). */
export async function describeMfaChallenge(mfaToken: string): Promise<MfaChallenge> {
  return bodyOf(await http.POST('/api/auth/mfa/challenge', { body: { mfaToken } }));
}

/** The second step: the challenge and a code from the authenticator app. */
export async function verifyMfa(mfaToken: string, code: string): Promise<SessionUser> {
  return session(bodyOf(await http.POST('/api/auth/mfa/verify', { body: { mfaToken, code } })));
}

let renewing: Promise<SessionUser | null> | null = null;

/**
 * A new access token from the refresh cookie; null when there is no live session. Single-flight: the cookie
 * rotates on use and the api revokes the whole login when one is presented twice, so callers arriving while a
 * renewal is in flight share it instead of sending the same cookie again.
 */
export function refreshSession(): Promise<SessionUser | null> {
  renewing ??= renew().finally(() => {
    renewing = null;
  });
  return renewing;
}

async function renew(): Promise<SessionUser | null> {
  try {
    return session(bodyOf(await http.POST('/api/auth/refresh')));
  } catch (err) {
    if (err instanceof ApiError && err.kind === 'unreachable') throw err;
    clearToken();
    return null;
  }
}

/** Sets a password with an invitation or reset link. */
export async function acceptLink(token: string, password: string): Promise<void> {
  succeeded(await http.POST('/api/auth/accept', { body: { token, password } }));
}

export async function logout(): Promise<void> {
  clearToken();
  await http.POST('/api/auth/logout').catch(() => undefined);
}

export const api = {
  listConversations: async (query: ConversationFilter = {}): Promise<Page<ConversationView>> =>
    bodyOf(await authorized(() => http.GET('/api/conversations', { params: { query } }))),
  listMessages: async (conversationId: string): Promise<Page<MessageView>> =>
    bodyOf(
      await authorized(() =>
        http.GET('/api/conversations/{id}/messages', { params: { path: { id: conversationId } } }),
      ),
    ),
  myAvailability: async (): Promise<AvailabilityHistoryView> =>
    bodyOf(await authorized(() => http.GET('/api/me/availability'))),
  setMyAvailability: async (status: AgentAvailability): Promise<AvailabilityView> =>
    bodyOf(await authorized(() => http.PUT('/api/me/availability', { body: { status } }))),
};
