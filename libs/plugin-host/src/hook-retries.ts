import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import {
  APP_CONFIG,
  AppConfig,
  Clock,
  DueHookRun,
  PluginHookRunsService,
  PluginHooksService,
} from '@switchboard/engine';
import type { HookName, PluginCard } from '@switchboard/plugin-sdk';
import { PluginCapabilities } from './plugin-capabilities';

const RETRY_TICK_MS = 1000;
const RETRIES_PER_TICK = 50;
const PRUNE_EVERY_MS = 60 * 60_000;

/**
 * Retries failed hook calls for the plugin that failed alone, with the event it was given, backing off
 * (`plugins.hookRetryBaseMs`, doubling) up to `plugins.hookAttempts` calls; each failure is on record. A plugin no
 * longer enabled on the number is not called (the run counts as done). Due runs are claimed as rows (SKIP LOCKED),
 * so with several workers each is retried once.
 */
@Injectable()
export class HookRetries {
  private readonly logger = new Logger(HookRetries.name);
  private running = false;
  private lastPrune = 0;

  constructor(
    private readonly hooks: PluginHooksService,
    private readonly runs: PluginHookRunsService,
    private readonly capabilities: PluginCapabilities,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Interval(RETRY_TICK_MS)
  async tick(): Promise<number> {
    if (this.running || !this.hooks.anyLoaded) return 0;
    this.running = true;
    try {
      if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) {
        this.lastPrune = Date.now();
        await this.runs.prune(this.config.events.retentionHours);
      }
      const due = await this.runs.claimDue(this.clock.now(), RETRIES_PER_TICK);
      for (const run of due) await this.retry(run);
      return due.length;
    } catch (e) {
      this.logger.warn(`hook retries failed: ${(e as Error).message}`);
      return 0;
    } finally {
      this.running = false;
    }
  }

  private async retry(run: DueHookRun): Promise<void> {
    const target = { numberId: run.number_id, departmentId: run.department_id };
    let ok: boolean;
    if (run.hook.startsWith('automation:')) {
      const card = run.event.card as PluginCard;
      const r = await this.hooks.runAutomations(
        target,
        run.plugin_id,
        [run.hook.slice('automation:'.length)],
        card,
        this.capabilities.factory,
      );
      ok = r.failed === 0;
    } else {
      const r = await this.hooks.dispatch(
        run.hook as HookName,
        target,
        [{ key: run.position, subjectId: run.subject_id ?? undefined, event: run.event }],
        this.capabilities.factory,
        { only: run.plugin_id },
      );
      ok = r.failed === 0;
    }
    const { hookAttempts, hookRetryBaseMs } = this.config.plugins;
    const attempts = run.attempts + 1;
    const retryAt =
      attempts >= hookAttempts
        ? null
        : new Date(this.clock.now().getTime() + hookRetryBaseMs * 2 ** (attempts - 1));
    await this.runs.settle(run, ok, retryAt);
  }
}
