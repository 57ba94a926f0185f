import { refreshSession } from '../../api/client';
import { bodyOf, http, type Outcome } from '../../api/http';
import type { components, paths } from '../../api/schema';
import { submitted } from '../admin/forms/refusal';

// The signed-in user's own account: their profile, password, two-step sign-in and other sessions. Changes go
// through `submitted`, so a refusal arrives whole (the field it names, its code) for the form to place.

export type Profile = components['schemas']['ProfileDto'];
export type MfaSetup = components['schemas']['MfaSetupDto'];
export type ProfileChange = NonNullable<
  paths['/api/me']['patch']['requestBody']
>['content']['application/json'];
export type PasswordChange = NonNullable<
  paths['/api/me/password']['post']['requestBody']
>['content']['application/json'];

/** Runs a call; when the token is refused, renews it once from the refresh cookie and runs it again. */
async function authorized<O extends Outcome>(call: () => Promise<O>): Promise<O> {
  const first = await call();
  if (first.response.status !== 401 || !(await refreshSession())) return first;
  return call();
}

export const profileApi = {
  get: async (): Promise<Profile> => bodyOf(await authorized(() => http.GET('/api/auth/me'))),
  /** 400 names the field (currentPassword when a new e-mail needs it), 409 a taken e-mail. */
  update: (body: ProfileChange): Promise<Profile> => submitted(() => http.PATCH('/api/me', { body })),
  /** Every other session is signed out; this one stays. */
  changePassword: (body: PasswordChange): Promise<{ signedOut: number }> =>
    submitted(() => http.POST('/api/me/password', { body })),
  signOutOthers: (): Promise<{ signedOut: number }> => submitted(() => http.POST('/api/me/sign-out-others')),
  /** A new secret, shown once: active after a code from it confirms it. */
  setupMfa: (): Promise<MfaSetup> => submitted(() => http.POST('/api/auth/mfa/setup', { body: {} })),
  confirmMfa: async (code: string): Promise<void> => {
    await submitted(() => http.POST('/api/auth/mfa/confirm', { body: { code } }));
  },
  /** 409 `mfa_required` while the installation requires it for admins. */
  disableMfa: async (code: string): Promise<void> => {
    await submitted(() => http.POST('/api/auth/mfa/disable', { body: { code } }));
  },
};
