import type { BoardView, CardView, PipelineView } from '@switchboard/contracts';
import { onMounted, onUnmounted, type Ref, ref, watch } from 'vue';
import { useLiveStore } from '../../stores/live';
import type { LiveEvent } from '../../realtime/events';
import { type BoardFilter, boardApi } from './board-api';

// A failed read is retried on this timer. Reads caused by live events start at most once per LIVE_READ_GAP_MS: a
// burst of events costs one read, not one each (as in the inbox).
export const RETRY_MS = 5_000;
const LIVE_READ_GAP_MS = 1_000;
const LIST_PAGE = 100;

export type BoardMode = 'board' | 'list';

/** Cards of a stage read past the board's first page ("show more"), until the next full read. */
interface StagePage {
  cards: CardView[];
  nextCursor: string | null;
}

/**
 * What the board screen shows for one pipeline and filter: the columns (or the list), read again on live card
 * events of the pipeline's department, with at most one read in flight and one pending.
 */
export function useBoardData(
  pipeline: Ref<PipelineView | null>,
  filter: Ref<BoardFilter>,
  mode: Ref<BoardMode>,
) {
  const live = useLiveStore();
  const board = ref<BoardView | null>(null);
  const more = ref<Record<string, StagePage>>({});
  const list = ref<CardView[]>([]);
  const listCursor = ref<string | null>(null);
  const loaded = ref(false);
  const error = ref<unknown>(null);

  let refreshing = false;
  let again = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let liveRead: ReturnType<typeof setTimeout> | undefined;
  let lastLiveRead = 0;
  const stops: (() => void)[] = [];

  async function read(): Promise<void> {
    const shown = pipeline.value;
    if (!shown) return;
    const asked = { pipeline: shown.id, filter: filter.value, mode: mode.value };
    const current = () =>
      pipeline.value?.id === asked.pipeline && filter.value === asked.filter && mode.value === asked.mode;
    try {
      if (asked.mode === 'board') {
        const next = await boardApi.board(asked.pipeline, asked.filter);
        if (!current()) return;
        board.value = next;
        more.value = {};
      } else {
        const page = await boardApi.cards(asked.pipeline, asked.filter, { limit: LIST_PAGE });
        if (!current()) return;
        list.value = page.items;
        listCursor.value = page.nextCursor;
      }
      error.value = null;
      loaded.value = true;
    } catch (err) {
      if (current()) error.value = err;
    }
  }

  /** Reads what is shown; a change announced meanwhile makes it read once more. */
  async function refresh(): Promise<void> {
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = true;
    try {
      do {
        again = false;
        await read();
      } while (again);
    } finally {
      refreshing = false;
    }
    clearTimeout(retry);
    if (error.value) retry = setTimeout(() => void refresh(), RETRY_MS);
  }

  function refreshSoon(): void {
    if (liveRead) return; // one already scheduled: it takes this change too
    const wait = Math.max(0, lastLiveRead + LIVE_READ_GAP_MS - Date.now());
    liveRead = setTimeout(() => {
      liveRead = undefined;
      lastLiveRead = Date.now();
      void refresh();
    }, wait);
  }

  /** Another page of one stage's cards, below the board's first ones. */
  async function moreOf(stageId: string): Promise<void> {
    const shown = pipeline.value;
    const column = board.value?.columns.find((c) => c.stage.id === stageId);
    const cursor = more.value[stageId]?.nextCursor ?? column?.nextCursor;
    if (!shown || !cursor) return;
    try {
      const page = await boardApi.cards(shown.id, filter.value, { stage: stageId, cursor });
      const before = more.value[stageId]?.cards ?? [];
      more.value = {
        ...more.value,
        [stageId]: { cards: [...before, ...page.items], nextCursor: page.nextCursor },
      };
    } catch (err) {
      error.value = err;
    }
  }

  async function moreOfList(): Promise<void> {
    const shown = pipeline.value;
    if (!shown || !listCursor.value) return;
    try {
      const page = await boardApi.cards(shown.id, filter.value, {
        cursor: listCursor.value,
        limit: LIST_PAGE,
      });
      list.value = [...list.value, ...page.items];
      listCursor.value = page.nextCursor;
    } catch (err) {
      error.value = err;
    }
  }

  function onLive(event: LiveEvent): void {
    if (event.departmentId !== pipeline.value?.departmentId) return;
    // A conversation's owner, labels or priority only change which cards match a filter on them.
    const filtered = !!(filter.value.assignee || filter.value.label || filter.value.priority);
    if (event.type === 'conversation.updated' && !filtered) return;
    refreshSoon();
  }

  onMounted(() => {
    stops.push(
      live.on(['card.updated', 'conversation.created', 'conversation.updated'], onLive),
      live.onSignal(() => void refresh()),
      // A (re)connection with no cursor to resync from: read what changed before it.
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

  return { board, more, list, listCursor, loaded, error, refresh, moreOf, moreOfList };
}
