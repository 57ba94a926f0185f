import { onUnmounted, ref, watch, type Ref } from 'vue';
import type { LiveEvent } from '../../realtime/events';
import { useLiveStore } from '../../stores/live';

export interface Someone {
  userId: string;
  name: string;
  typing: boolean;
}

// Typing is refreshed this often while it lasts (the api ends it by itself after realtime.typingSeconds, 6 s).
const TYPING_REFRESH_MS = 3_000;

/**
 * Who else is viewing or typing in the open conversation, and telling the others that this user views it and
 * types: the socket joins the conversation's room (the api takes presence only from there), again after every
 * reconnect since rooms do not outlive a socket.
 */
export function usePresence(conversationId: Ref<string | null>, me: Ref<string | null>) {
  const live = useLiveStore();
  const others = ref<Someone[]>([]);
  let lastTyping = 0;
  let typingNow = false;

  async function enter(id: string): Promise<void> {
    await live.send('join', { conversation: id });
    await live.send('viewing', { conversationId: id, viewing: true });
  }

  async function leave(id: string): Promise<void> {
    await live.send('leave', { conversation: id });
  }

  function onPresence(event: LiveEvent): void {
    const d = event.data;
    if (d.conversationId !== conversationId.value || typeof d.userId !== 'string' || d.userId === me.value)
      return;
    const rest = others.value.filter((o) => o.userId !== d.userId);
    // Presence is told on change only: someone who just arrived has not heard that this user is here.
    if (rest.length === others.value.length && d.viewing === true)
      void live.send('viewing', { conversationId: conversationId.value, viewing: true });
    others.value =
      d.viewing === true || d.typing === true
        ? [
            ...rest,
            { userId: d.userId, name: typeof d.name === 'string' ? d.name : '?', typing: d.typing === true },
          ]
        : rest;
  }

  /** Called as the user types (true) or stops (false); sent at most every few seconds while it lasts. */
  function typing(now: boolean): void {
    const id = conversationId.value;
    if (!id) return;
    if (now && typingNow && Date.now() - lastTyping < TYPING_REFRESH_MS) return;
    if (!now && !typingNow) return;
    typingNow = now;
    lastTyping = Date.now();
    void live.send('typing', { conversationId: id, typing: now });
  }

  const stops = [
    live.on(['presence'], onPresence),
    watch(
      conversationId,
      (id, previous) => {
        others.value = [];
        typingNow = false;
        if (previous) void leave(previous);
        if (id) void enter(id);
      },
      { immediate: true },
    ),
    watch(
      () => live.connection,
      (c) => {
        if (c === 'live' && conversationId.value) {
          others.value = [];
          void enter(conversationId.value);
        }
      },
    ),
  ];
  onUnmounted(() => {
    stops.forEach((stop) => stop());
    if (conversationId.value) void leave(conversationId.value);
  });

  return { others, typing };
}
