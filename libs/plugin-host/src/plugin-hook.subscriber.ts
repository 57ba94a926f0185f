import { Inject, Injectable } from '@nestjs/common';
import { IntakeBacklog } from '@switchboard/channels';
import {
  APP_CONFIG,
  AppConfig,
  Clock,
  DomainEvent,
  HookRunRecord,
  InstallationRow,
  OnDomainEvent,
  PluginHookRunsService,
  PluginHooksService,
  PluginInstallationsService,
  runKey,
} from '@switchboard/engine';
import { HOOK_ORDER, HookCall, HookCallsReader } from './hook-calls.reader';
import { rangePosition, rangeRecords, rangesOf } from './hook-run-ranges';
import { PluginCapabilities } from './plugin-capabilities';

/** Stored webhooks waiting for processing above which intake counts as behind (about one drain's worth). */
const BACKLOG_THRESHOLD = 100;
const BACKLOG_POLL_MS = 200;

export const PLUGIN_HOOKS_SUBSCRIBER = 'plugin-host.hooks';

/**
 * Runs the installed plugins' hooks for domain events, a batch at a time: per hook and number one dispatch (the
 * number's installations read once), plugins in priority order. Every call is recorded, as a range per plugin, hook,
 * number and publishing transaction (HookRunRanges): a re-delivered event (a batch rolled back, a crash before the
 * cursor moved, a cursor moved back) skips what already ran, so a greeting is sent once. A failing call is on
 * record (plugin_hook_failures, and its own plugin_hook_runs row) and retried later for that plugin alone
 * (HookRetries); it never holds back the other plugins or the stream.
 */
@Injectable()
export class PluginHookSubscriber {
  constructor(
    private readonly hooks: PluginHooksService,
    private readonly installations: PluginInstallationsService,
    private readonly runs: PluginHookRunsService,
    private readonly reader: HookCallsReader,
    private readonly capabilities: PluginCapabilities,
    private readonly backlog: IntakeBacklog,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @OnDomainEvent(
    ['card.created', 'message.received', 'card.moved', 'conversation.assigned', 'conversation.closed'],
    PLUGIN_HOOKS_SUBSCRIBER,
  )
  async deliver(events: DomainEvent[]): Promise<void> {
    if (!this.hooks.anyLoaded) return;
    await this.letIntakeCatchUp(Math.min(...events.map((e) => e.occurredAt.getTime())));
    const calls = await this.reader.read(events);
    if (!calls.length) return;
    // One key per transaction and number (ranges), plus the calls whose automations are recorded one by one.
    const recorded = await this.runs.recorded([
      ...new Set([
        ...calls.map((c) => rangePosition(c.key, c.target.numberId)),
        ...calls.filter((c) => c.automations).map((c) => c.key),
      ]),
    ]);
    const ranges = rangesOf(recorded);
    const installed = new Map<string, Promise<InstallationRow[]>>();
    const installationsOf = (numberId: string) => {
      if (!installed.has(numberId)) installed.set(numberId, this.installations.enabledFor(numberId));
      return installed.get(numberId)!;
    };
    for (const group of this.groups(calls)) {
      const { hook, target } = group[0];
      const byKey = new Map(group.map((c) => [c.key, c]));
      const result = await this.hooks.dispatch(hook, target, group, this.capabilities.factory, {
        installations: await installationsOf(target.numberId),
        skip: (pluginId, key) => ranges.covers(pluginId, hook, target.numberId, key),
      });
      const records: HookRunRecord[] = rangeRecords(hook, target, result.outcomes);
      // A failed call also gets its own row: the retry needs its event, and it is skipped by its range meanwhile.
      for (const o of result.outcomes) {
        if (o.ok) continue;
        const call = byKey.get(o.key)!;
        records.push({ ...o, position: o.key, hook, target, subjectId: call.subjectId, event: call.event });
      }
      for (const call of group)
        if (call.automations) records.push(...(await this.automations(call, recorded)));
      // Recorded before the next group runs: a batch that fails further on skips these when delivered again.
      await this.runs.record(
        records,
        new Date(this.clock.now().getTime() + this.config.plugins.hookRetryBaseMs),
      );
    }
  }

  /** A stage's automations, each recorded like a hook (`automation:<name>`). */
  private async automations(call: HookCall, recorded: Set<string>): Promise<HookRunRecord[]> {
    const { pluginId, names, card } = call.automations!;
    const records: HookRunRecord[] = [];
    for (const name of names) {
      const hook = `automation:${name}`;
      if (recorded.has(runKey(pluginId, hook, call.key))) continue;
      const r = await this.hooks.runAutomations(
        call.target,
        pluginId,
        [name],
        card,
        this.capabilities.factory,
      );
      if (!r.active) return records;
      records.push({
        position: call.key,
        pluginId,
        hook,
        target: call.target,
        subjectId: call.subjectId,
        ok: r.failed === 0,
        event: { card },
      });
    }
    return records;
  }

  /** Calls grouped by hook (in HOOK_ORDER) and number, each group in stream order. */
  private groups(calls: HookCall[]): HookCall[][] {
    const groups = new Map<string, HookCall[]>();
    const ordered = [...calls].sort((a, b) => HOOK_ORDER.indexOf(a.hook) - HOOK_ORDER.indexOf(b.hook));
    for (const c of ordered) {
      const k = `${c.hook}|${c.target.numberId}`;
      const group = groups.get(k);
      if (group) group.push(c);
      else groups.set(k, [c]);
    }
    return [...groups.values()];
  }

  /**
   * Intake first: while a burst of stored webhooks waits to be processed, hook work (reading messages again,
   * running plugin code) would slow storing them down on the same cores. Waits until the backlog is down to about
   * one drain, or until `plugins.hookMaxDeferMs` after the events were published. The delivering transaction has
   * written nothing yet meanwhile, so it holds back no other subscriber.
   */
  private async letIntakeCatchUp(publishedAtMs: number): Promise<void> {
    // Events carry the product Clock's time (controllable in tests); the wait itself runs on real time.
    const age = this.clock.now().getTime() - publishedAtMs;
    const deadline = Date.now() + this.config.plugins.hookMaxDeferMs - age;
    while (Date.now() < deadline && (await this.backlog.over(BACKLOG_THRESHOLD)))
      await new Promise((resolve) => setTimeout(resolve, Math.min(BACKLOG_POLL_MS, deadline - Date.now())));
  }
}
