import type { BoardView, CardView, PipelineView } from '@switchboard/contracts';
import { computed, onMounted, onUnmounted, type Ref, ref, watch } from 'vue';
import { coalescedReads, retryable } from '../../composables/coalesced-reads';
import { useLiveStore } from '../../stores/live';
import type { LiveEvent } from '../../realtime/events';
import { type BoardFilter, boardApi } from './board-api';

// A failed read is retried on this timer when retrying can help (the api unreachable or failing, not a 4xx). Reads
// caused by live events start at most once per LIVE_READ_GAP_MS (as in the inbox).
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

  const stops: (() => void)[] = [];

  /** What is shown: a read or a page asked for another pipeline, filter or view is dropped when it lands. */
  function shown() {
    const asked = { pipeline: pipeline.value, filter: filter.value, mode: mode.value };
    return {
      ...asked,
      current: () =>
        pipeline.value?.id === asked.pipeline?.id &&
        filter.value === asked.filter &&
        mode.value === asked.mode,
    };
  }

  /** One read of what is shown; answers its failure, or null. */
  async function read(): Promise<unknown> {
    const asked = shown();
    if (!asked.pipeline) return null;
    try {
      if (asked.mode === 'board') {
        const next = await boardApi.board(asked.pipeline.id, asked.filter);
        if (!asked.current()) return null;
        board.value = next;
        more.value = {};
      } else {
        const page = await boardApi.cards(asked.pipeline.id, asked.filter, { limit: LIST_PAGE });
        if (!asked.current()) return null;
        list.value = page.items;
        listCursor.value = page.nextCursor;
      }
      error.value = null;
      loaded.value = true;
      return null;
    } catch (err) {
      if (!asked.current()) return null;
      error.value = err;
      return err;
    }
  }

  const reads = coalescedReads(read, { retryMs: RETRY_MS, liveGapMs: LIVE_READ_GAP_MS });
  /** Whether the error shown is retried on its own. */
  const retrying = computed(() => !!error.value && retryable(error.value));

  /** Where one stage's cards go on from: its extra pages' cursor, else the board's. */
  const stageCursor = (stageId: string) =>
    more.value[stageId]
      ? more.value[stageId].nextCursor
      : (board.value?.columns.find((c) => c.stage.id === stageId)?.nextCursor ?? null);

  /**
   * Another page of one stage's cards, below the board's first ones. It is appended only if, when it lands, the
   * board still shows the same pipeline, filter and view and the stage still goes on from the same cursor: a page
   * asked for before a filter change, or asked twice, is dropped.
   */
  async function moreOf(stageId: string): Promise<void> {
    const asked = shown();
    const cursor = stageCursor(stageId);
    if (!asked.pipeline || !cursor) return;
    try {
      const page = await boardApi.cards(asked.pipeline.id, asked.filter, { stage: stageId, cursor });
      if (!asked.current() || stageCursor(stageId) !== cursor) return;
      const before = more.value[stageId]?.cards ?? [];
      more.value = {
        ...more.value,
        [stageId]: { cards: [...before, ...page.items], nextCursor: page.nextCursor },
      };
    } catch (err) {
      if (asked.current()) error.value = err;
    }
  }

  /** The list's next page, under the same rule as moreOf. */
  async function moreOfList(): Promise<void> {
    const asked = shown();
    const cursor = listCursor.value;
    if (!asked.pipeline || !cursor) return;
    try {
      const page = await boardApi.cards(asked.pipeline.id, asked.filter, { cursor, limit: LIST_PAGE });
      if (!asked.current() || listCursor.value !== cursor) return;
      list.value = [...list.value, ...page.items];
      listCursor.value = page.nextCursor;
    } catch (err) {
      if (asked.current()) error.value = err;
    }
  }

  /** The conversations whose cards are shown. */
  function shownConversations(): Set<string> {
    const cards =
      mode.value === 'board'
        ? [
            ...(board.value?.columns.flatMap((c) => c.cards) ?? []),
            ...Object.values(more.value).flatMap((p) => p.cards),
          ]
        : list.value;
    return new Set(cards.map((c) => c.conversationId));
  }

  function onLive(event: LiveEvent): void {
    if (event.departmentId !== pipeline.value?.departmentId) return;
    // A conversation's owner, priority, labels or SLA state show on its card; with a filter on them, they also
    // change which cards match.
    if (event.type === 'conversation.updated') {
      const filtered = !!(filter.value.assignee || filter.value.label || filter.value.priority);
      if (!filtered && !(event.conversationId && shownConversations().has(event.conversationId))) return;
    }
    reads.refreshSoon();
  }

  onMounted(() => {
    stops.push(
      live.on(['card.updated', 'conversation.created', 'conversation.updated'], onLive),
      live.onSignal(() => void reads.refresh()),
      // A (re)connection with no cursor to resync from: read what changed before it.
      watch(
        () => live.connection,
        (c) => c === 'live' && !live.lastCursor && void reads.refresh(),
      ),
    );
  });
  onUnmounted(() => {
    stops.forEach((stop) => stop());
    reads.stop();
  });

  return {
    board,
    more,
    list,
    listCursor,
    loaded,
    error,
    retrying,
    refresh: reads.refresh,
    moreOf,
    moreOfList,
  };
}
