import type { AgentAvailability } from '@switchboard/contracts';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../api/client';

/** The signed-in user's own availability (online takes conversations, away takes none, offline). */
export const useAvailabilityStore = defineStore('availability', () => {
  const status = ref<AgentAvailability | null>(null);
  const saving = ref(false);
  const failed = ref<unknown>(null);

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
