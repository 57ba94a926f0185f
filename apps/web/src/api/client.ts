import type {
  AgentAvailability,
  AvailabilityHistoryView,
  AvailabilityView,
  ConversationView,
  listConversationsQuery,
  MessageView,
  Page,
} from '@switchboard/contracts';
import type { z } from 'zod';
import { ApiError } from './errors';
import { bodyOf, http, type Outcome, undocumented } from './http';
import { clearToken, writeToken } from './token';

export { ApiError, describeError, type ApiErrorKind } from './errors';
export { clearToken, readToken, writeToken } from './token';

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

/** The password was right and a code is needed (and, for a forced setup, the secret to add to the app). */
export interface MfaChallenge {
  mfaRequired: true;
  mfaSetupRequired: boolean;
  mfaToken: string;
  secret?: string;
  otpauthUri?: string;
}

export interface SsoProvider {
  id: string;
  name: string;
  startPath: string;
}

export type ConversationFilter = z.input<typeof listConversationsQuery>;

/** Runs a call with the current access token; when it is refused, renews it once from the refresh cookie. */
async function authorized(call: () => Promise<Outcome>): Promise<Outcome> {
  const first = await call();
  if (first.response.status !== 401 || !(await refreshSession())) return first;
  return call();
}

function session(outcome: Outcome): SessionUser {
  const body = bodyOf<LoginResponse>(outcome);
  writeToken(body.accessToken);
  return body.user;
}

/** Signs in; keeps the access token in memory (the refresh cookie is set by the API). */
export async function login(email: string, password: string): Promise<SessionUser | MfaChallenge> {
  const outcome = await http.POST('/api/auth/login', { body: { email, password } });
  const challenge = bodyOf<Partial<MfaChallenge>>(outcome);
  if (challenge.mfaRequired) return challenge as MfaChallenge;
  return session(outcome);
}

/** Single sign-on providers configured for this installation (empty when none). */
export async function ssoProviders(): Promise<SsoProvider[]> {
  try {
    return bodyOf<SsoProvider[]>(await http.GET('/api/auth/providers'));
  } catch {
    return [];
  }
}

/** After single sign-on asked for a second factor: what it needs (a code, or a setup first). */
export async function describeMfaChallenge(mfaToken: string): Promise<MfaChallenge> {
  return bodyOf<MfaChallenge>(
    await http.POST('/api/auth/mfa/challenge', { body: undocumented({ mfaToken }) }),
  );
}

/** The second step: the challenge and a code from the authenticator app. */
export async function verifyMfa(mfaToken: string, code: string): Promise<SessionUser> {
  return session(await http.POST('/api/auth/mfa/verify', { body: { mfaToken, code } }));
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
    return session(await http.POST('/api/auth/refresh'));
  } catch (err) {
    if (err instanceof ApiError && err.kind === 'unreachable') throw err;
    clearToken();
    return null;
  }
}

/** Sets a password with an invitation or reset link. */
export async function acceptLink(token: string, password: string): Promise<void> {
  bodyOf<unknown>(await http.POST('/api/auth/accept', { body: { token, password } }));
}

export async function logout(): Promise<void> {
  clearToken();
  await http.POST('/api/auth/logout').catch(() => undefined);
}

export const api = {
  listConversations: async (query: ConversationFilter = {}): Promise<Page<ConversationView>> =>
    bodyOf(
      await authorized(() => http.GET('/api/conversations', { params: { query: undocumented(query) } })),
    ),
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
