import type { AgentAvailability } from '@switchboard/contracts';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../api/client';
import { useAuthStore } from './auth';
import { useLiveStore } from './live';

/** The signed-in user's own availability (online takes conversations, away takes none, offline). */
export const useAvailabilityStore = defineStore('availability', () => {
  const status = ref<AgentAvailability | null>(null);
  const saving = ref(false);
  const failed = ref<unknown>(null);
  const auth = useAuthStore();

  // Changes made elsewhere (a supervisor, or the api itself: offline after a disconnect, away when idle).
  useLiveStore().on(['agent.availability'], (event) => {
    const { userId, status: next } = event.data as { userId?: string; status?: AgentAvailability };
    if (userId && userId === auth.user?.id && next) status.value = next;
  });

  async function load(): Promise<void> {
    try {
      status.value = (await api.myAvailability()).current.status;
    } catch (err) {
      failed.value = err;
    }
  }

  /** Asks the api; the shown status changes only once it agreed. */
  async function set(next: AgentAvailability): Promise<void> {
    saving.value = true;
    failed.value = null;
    try {
      status.value = (await api.setMyAvailability(next)).status;
    } catch (err) {
      failed.value = err;
    } finally {
      saving.value = false;
    }
  }

  return { status, saving, failed, load, set };
});
