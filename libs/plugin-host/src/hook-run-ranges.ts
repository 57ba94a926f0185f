import type { HookOutcome, HookRunRecord, PluginTarget } from '@switchboard/engine';

/**
 * Hook calls recorded as ranges instead of one row per call: one plugin_hook_runs row per plugin, hook, number and
 * publishing transaction covers every call a dispatch made for that transaction's events on the number (intake
 * publishes thousands of message.received in one transaction, so a batch needs a handful of rows, not one per
 * message). A row is keyed `position = <xid>@<numberId>`, `hook = <hook>#<firstSeq>-<lastSeq>`: a re-delivered
 * event, wherever the cursor restarts, finds the rows of its transaction and number by exact key and skips a call
 * whose seq lies inside a range of its plugin and hook. Failed calls keep their own row too (their retry needs the
 * event), and stage automations stay recorded per call.
 */
export interface HookRunRanges {
  /** Whether the plugin's call of `hook` for the event at `position` on the number already ran. */
  covers(pluginId: string, hook: string, numberId: string, position: string): boolean;
}

const parse = (position: string) => {
  const at = position.indexOf(':');
  return { xid: position.slice(0, at), seq: BigInt(position.slice(at + 1)) };
};

/** The key a range row of this event's transaction on this number is stored under. */
export function rangePosition(position: string, numberId: string): string {
  return `${parse(position).xid}@${numberId}`;
}

/** Reads the ranges out of the keys `PluginHookRunsService.recorded` answered for range positions. */
export function rangesOf(recorded: Set<string>): HookRunRanges {
  const ranges = new Map<string, { from: bigint; to: bigint }[]>();
  for (const key of recorded) {
    const [pluginId, hookAndRange, place] = key.split('|');
    const hash = hookAndRange?.lastIndexOf('#') ?? -1;
    if (!place || hash < 0) continue;
    const [from, to] = hookAndRange.slice(hash + 1).split('-');
    const k = `${pluginId}|${hookAndRange.slice(0, hash)}|${place}`;
    ranges.set(k, [...(ranges.get(k) ?? []), { from: BigInt(from), to: BigInt(to) }]);
  }
  return {
    covers(pluginId, hook, numberId, position) {
      const { xid, seq } = parse(position);
      const list = ranges.get(`${pluginId}|${hook}|${xid}@${numberId}`);
      return !!list && list.some((r) => r.from <= seq && seq <= r.to);
    },
  };
}

/** One done row per plugin and publishing transaction for a dispatch's outcomes (failed calls included). */
export function rangeRecords(hook: string, target: PluginTarget, outcomes: HookOutcome[]): HookRunRecord[] {
  const spans = new Map<string, { pluginId: string; position: string; from: bigint; to: bigint }>();
  for (const o of outcomes) {
    const { xid, seq } = parse(o.key);
    const k = `${o.pluginId}|${xid}`;
    const span = spans.get(k);
    if (!span)
      spans.set(k, {
        pluginId: o.pluginId,
        position: rangePosition(o.key, target.numberId),
        from: seq,
        to: seq,
      });
    else {
      if (seq < span.from) span.from = seq;
      if (seq > span.to) span.to = seq;
    }
  }
  return [...spans.values()].map((s) => ({
    position: s.position,
    pluginId: s.pluginId,
    hook: `${hook}#${s.from}-${s.to}`,
    target,
    subjectId: null,
    ok: true,
    event: {},
  }));
}
