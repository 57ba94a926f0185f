import { onMounted, onUnmounted, ref, shallowRef, watch, type Ref } from 'vue';
import type { ConversationView } from '@switchboard/contracts';
import { api, ApiError, type ConversationFilter } from '../../api/client';
import type { LiveEvent } from '../../realtime/events';
import { useLiveStore } from '../../stores/live';

/** What the inbox narrows the list by: the api's filters, without paging. */
export type InboxFilter = Omit<ConversationFilter, 'limit' | 'cursor'>;

// The first page is kept small so it shows soon; the next pages, read as the scroller nears the end of what is
// loaded, are as large as the api allows, so a long scroll costs fewer reads.
const FIRST_PAGE = 100;
const NEXT_PAGE = 200;
// A failed read is retried on this timer.
export const RETRY_MS = 5_000;
// Reads caused by live events start at most this often: a burst of events costs one read, not one each.
const LIVE_READ_GAP_MS = 1_000;

/**
 * The inbox list over GET /api/conversations: the first page for the filter, further pages by cursor on asking,
 * and live updates. A live change reads the first page again and lays it over what is loaded (a changed row moves
 * up to where the api puts it), so scrolling far down never costs a read of every page loaded.
 */
export function useConversationList(filter: Ref<InboxFilter>) {
  const live = useLiveStore();
  const items = shallowRef<ConversationView[]>([]);
  const loaded = ref(false);
  const error = ref<ApiError | Error | null>(null);
  const nextCursor = ref<string | null>(null);

  let generation = 0; // bumped by a filter change: answers to older filters are dropped
  let refreshing = false;
  let again = false;
  let loadingMore = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let lastLiveRead = 0;
  let liveRead: ReturnType<typeof setTimeout> | undefined;
  const stops: (() => void)[] = [];

  const query = (cursor?: string): ConversationFilter => ({
    ...filter.value,
    ...(cursor ? { limit: NEXT_PAGE, cursor } : { limit: FIRST_PAGE }),
  });

  /** Reads the first page; rows loaded beyond it stay, after it, unless the page now holds them. */
  async function readFirstPage(): Promise<void> {
    const asked = generation;
    try {
      const page = await api.listConversations(query());
      if (asked !== generation) return;
      const fresh = new Set(page.items.map((c) => c.id));
      const rest = items.value.slice(page.items.length).filter((c) => !fresh.has(c.id));
      items.value = [...page.items, ...rest];
      if (!rest.length) nextCursor.value = page.nextCursor;
      error.value = null;
    } catch (err) {
      if (asked === generation) error.value = err instanceof Error ? err : new Error(String(err));
    } finally {
      if (asked === generation) loaded.value = true;
    }
  }

  /** At most one read in flight and one pending: a change announced meanwhile makes it read once more. */
  async function refresh(): Promise<void> {
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = true;
    try {
      do {
        again = false;
        await readFirstPage();
      } while (again);
    } finally {
      refreshing = false;
    }
    clearTimeout(retry);
    if (error.value) retry = setTimeout(() => void refresh(), RETRY_MS);
  }

  /** A read asked for by live events, started no sooner than LIVE_READ_GAP_MS after the previous one. */
  function refreshSoon(): void {
    if (liveRead) return; // one already scheduled: it takes this change too
    const wait = Math.max(0, lastLiveRead + LIVE_READ_GAP_MS - Date.now());
    liveRead = setTimeout(() => {
      liveRead = undefined;
      lastLiveRead = Date.now();
      void refresh();
    }, wait);
  }

  /** The next page after what is loaded, when there is one. */
  async function loadMore(): Promise<void> {
    const cursor = nextCursor.value;
    if (!cursor || loadingMore) return;
    loadingMore = true;
    const asked = generation;
    try {
      const page = await api.listConversations(query(cursor));
      if (asked !== generation || nextCursor.value !== cursor) return;
      const have = new Set(items.value.map((c) => c.id));
      items.value = [...items.value, ...page.items.filter((c) => !have.has(c.id))];
      nextCursor.value = page.nextCursor;
    } catch (err) {
      if (asked === generation) error.value = err instanceof Error ? err : new Error(String(err));
    } finally {
      loadingMore = false;
    }
  }

  /** Events carry ids, not bodies: a new message or a changed conversation is read from the api. */
  function onLive(event: LiveEvent): void {
    // The list shows no message status; the open pane patches its own.
    if (event.type !== 'message.status') refreshSoon();
  }

  watch(
    filter,
    () => {
      generation++;
      items.value = [];
      nextCursor.value = null;
      loaded.value = false;
      void refresh();
    },
    { deep: true },
  );

  onMounted(() => {
    void refresh();
    stops.push(
      live.on(['message.created', 'message.status', 'conversation.created', 'conversation.updated'], onLive),
      live.onSignal(() => void refresh()),
      // A (re)connection without a cursor to resync from (no event seen yet): read what changed before it. With
      // one, the store replays the missed events instead and they arrive through `onLive`.
      watch(
        () => live.connection,
        (c) => c === 'live' && !live.lastCursor && void refresh(),
      ),
    );
  });
  onUnmounted(() => {
    stops.forEach((stop) => stop());
    clearTimeout(retry);
    clearTimeout(liveRead);
  });

  return { items, loaded, error, nextCursor, refresh, refreshSoon, loadMore };
}
