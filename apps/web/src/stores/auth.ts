import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import {
  login as apiLogin,
  logout as apiLogout,
  type MfaChallenge,
  refreshSession,
  type SessionUser,
  verifyMfa,
} from '../api/client';

/** The signed-in user. The access token itself stays inside the API client, in memory. */
export const useAuthStore = defineStore('auth', () => {
  const user = ref<SessionUser | null>(null);
  const loggedIn = computed(() => user.value !== null);

  /** Null when signed in; the challenge when a second factor is needed. */
  async function login(email: string, password: string): Promise<MfaChallenge | null> {
    const outcome = await apiLogin(email, password);
    if ('mfaRequired' in outcome) return outcome;
    user.value = outcome;
    return null;
  }

  async function completeMfa(mfaToken: string, code: string): Promise<void> {
    user.value = await verifyMfa(mfaToken, code);
  }

  /** After a reload: resume the session from the refresh cookie, if there is one. */
  async function restore(): Promise<boolean> {
    if (!user.value) user.value = await refreshSession();
    return user.value !== null;
  }

  async function logout(): Promise<void> {
    user.value = null;
    await apiLogout();
  }

  return { user, loggedIn, login, completeMfa, restore, logout };
});
