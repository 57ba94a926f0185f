// Stream cursors are `xid:seq` (libs/engine realtime-history); presence events carry `live:` ones, never kept.
const STREAM_CURSOR = /^(\d{1,19}):(\d{1,19})$/;

/** Whether `next` is further along the event stream than `current` (a null or unreadable current: yes). */
export function isAfter(next: string, current: string | null): boolean {
  const a = STREAM_CURSOR.exec(next);
  if (!a) return false;
  const b = current ? STREAM_CURSOR.exec(current) : null;
  if (!b) return true;
  const [ax, as, bx, bs] = [a[1], a[2], b[1], b[2]].map(BigInt);
  return ax !== bx ? ax > bx : as > bs;
}
