import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { clearToken, readToken, writeToken } from '../api/client';

/** The API bearer token (until users and roles land). Persisted in localStorage, where the API client reads it. */
export const useAuthStore = defineStore('auth', () => {
  const token = ref<string | null>(readToken());
  const loggedIn = computed(() => token.value !== null);

  function login(value: string): void {
    writeToken(value);
    token.value = value;
  }

  function logout(): void {
    clearToken();
    token.value = null;
  }

  return { token, loggedIn, login, logout };
});
