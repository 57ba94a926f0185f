import { ApiError } from '../api/errors';

/**
 * Whether a failed read is worth asking again on a timer: the api unreachable or failing (5xx). A 4xx (a filter it
 * refuses, a permission the user lacks, a session ended) answers the same however often it is asked.
 */
export function retryable(err: unknown): boolean {
  if (!(err instanceof ApiError)) return false;
  return err.kind === 'unreachable' || (err.status !== null && err.status >= 500);
}

export interface CoalescedReadTimes {
  /** A failed read that retrying can help is tried again after this long. */
  retryMs: number;
  /** Reads asked for by live events start at most this often: a burst of events costs one read, not one each. */
  liveGapMs: number;
}

/**
 * Reads of a screen's data that never overlap: at most one in flight and one pending (a change announced meanwhile
 * makes it read once more), live reads spaced out, and a failed read retried only when retrying can help.
 * `read` does one read and answers its failure (null when it succeeded).
 */
export function coalescedReads(read: () => Promise<unknown>, times: CoalescedReadTimes) {
  let refreshing = false;
  let again = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let liveRead: ReturnType<typeof setTimeout> | undefined;
  let lastLiveRead = 0;

  /** Reads now, or once more after the read in flight. */
  async function refresh(): Promise<void> {
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = true;
    let failure: unknown = null;
    try {
      do {
        again = false;
        failure = await read();
      } while (again);
    } finally {
      refreshing = false;
    }
    clearTimeout(retry);
    if (failure && retryable(failure)) retry = setTimeout(() => void refresh(), times.retryMs);
  }

  /** A read asked for by a live event, started no sooner than `liveGapMs` after the previous one. */
  function refreshSoon(): void {
    if (liveRead) return; // one already scheduled: it takes this change too
    const wait = Math.max(0, lastLiveRead + times.liveGapMs - Date.now());
    liveRead = setTimeout(() => {
      liveRead = undefined;
      lastLiveRead = Date.now();
      void refresh();
    }, wait);
  }

  /** Drops the timers (the screen is gone). */
  function stop(): void {
    clearTimeout(retry);
    clearTimeout(liveRead);
  }

  return { refresh, refreshSoon, stop };
}
