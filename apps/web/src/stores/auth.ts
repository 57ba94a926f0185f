import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { login as apiLogin, logout as apiLogout, refreshSession, type SessionUser } from '../api/client';

/** The signed-in user. The access token itself stays inside the API client, in memory. */
export const useAuthStore = defineStore('auth', () => {
  const user = ref<SessionUser | null>(null);
  const loggedIn = computed(() => user.value !== null);

  async function login(email: string, password: string): Promise<void> {
    user.value = await apiLogin(email, password);
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

  return { user, loggedIn, login, restore, logout };
});
