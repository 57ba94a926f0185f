import { ref, watch, type Ref } from 'vue';

// Quick replies are the agent's own saved answers. The api keeps none yet, so they live in this browser, per
// user; a shared, per-department list would come from the api once it has one.
const KEY = 'switchboard.quickReplies.';
const MAX = 50;

function read(userId: string): string[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(KEY + userId) ?? '[]');
    return Array.isArray(raw) ? raw.filter((r): r is string => typeof r === 'string').slice(0, MAX) : [];
  } catch {
    return [];
  }
}

export function useQuickReplies(userId: Ref<string | null>) {
  const replies = ref<string[]>([]);
  watch(userId, (id) => (replies.value = id ? read(id) : []), { immediate: true });

  function store(next: string[]): void {
    replies.value = next.slice(0, MAX);
    if (userId.value) localStorage.setItem(KEY + userId.value, JSON.stringify(replies.value));
  }

  return {
    replies,
    save: (text: string) => store([text, ...replies.value.filter((r) => r !== text)]),
    remove: (text: string) => store(replies.value.filter((r) => r !== text)),
  };
}
