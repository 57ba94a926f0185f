import { EntityManager } from '@mikro-orm/postgresql';
import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { HookContext, HookName, JsonValue, PluginCard } from '@switchboard/plugin-sdk';
import { Queue } from 'bullmq';
import { EgressGuard } from '../egress/egress-guard.service';
import { uuidv7 } from '../ids/uuid-v7';
import { sql } from '../persistence/sql';
import { QUEUES } from '../queue/queue-names';
import type { LoadedPlugin } from './load-plugins';
import { LOADED_PLUGINS, LoadedPlugins } from './loaded-plugins';
import { InstallationRow, PluginInstallationsService } from './plugin-installations.service';
import { PluginStoreService } from './plugin-store.service';

class HookTimeout extends Error {}

export interface HookFailureRow {
  id: string;
  at: Date;
  plugin_id: string;
  number_id: string;
  hook: string;
  kind: 'error' | 'timeout';
  message: string;
  subject_id: string | null;
}

/** The number an event belongs to, and its department. */
export interface PluginTarget {
  numberId: string;
  departmentId: string;
}

/** One event of a dispatch: `key` identifies it for the outcome (the domain event's position). */
export interface HookDispatchEvent {
  key?: string;
  subjectId?: string;
  event: Record<string, unknown>;
}

/** Whether one plugin's hook call for one event succeeded (a failure is already on record). */
export interface HookOutcome {
  pluginId: string;
  key: string;
  ok: boolean;
}

export interface DispatchOptions {
  /** The number's enabled installations when the caller already read them (several hooks in one batch). */
  installations?: InstallationRow[];
  /** Calls already made for an event (a re-delivery): skipped. */
  skip?: (pluginId: string, key: string) => boolean;
  /** Only this plugin (a retry). */
  only?: string;
}

/** The parts of the hook context that need the domain (cards, messages): supplied by the process running hooks. */
export type CoreCapabilities = Pick<HookContext, 'cards' | 'messages'>;
export type CapabilityFactory = (scope: {
  plugin: LoadedPlugin;
  target: PluginTarget;
  settings: unknown;
}) => CoreCapabilities;

const AUTOMATION_TIMEOUT_MS = 10_000;
const JOB_TIMEOUT_MS = 30_000;
/** Events dispatched between two turns of the event loop. */
const YIELD_EVERY = 200;

/**
 * Runs plugin code for one number: hooks (in priority order), stage automations and plugin jobs. A call that
 * throws or runs past its timeout is recorded and skipped: it never stops the others, and never reaches intake.
 * Only the plugins installed and enabled on that number are called, each with a context limited to it.
 */
@Injectable()
export class PluginHooksService {
  private readonly logger = new Logger(PluginHooksService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly installations: PluginInstallationsService,
    private readonly store: PluginStoreService,
    private readonly egress: EgressGuard,
    private readonly moduleRef: ModuleRef,
    @Inject(LOADED_PLUGINS) private readonly plugins: LoadedPlugins,
  ) {}

  /** The latest recorded failures, newest first. */
  recentFailures(limit = 200): Promise<HookFailureRow[]> {
    return sql<HookFailureRow>(
      this.em,
      'select * from plugin_hook_failures order by at desc, id desc limit ?',
      [limit],
    );
  }

  get anyLoaded(): boolean {
    return this.plugins.length > 0;
  }

  /**
   * Runs `hook` for each event, in order, on one number; the number's installations are read once. Each call's
   * outcome is returned with its event's `key`, so the caller can record what ran (and skip it when the event comes
   * again).
   */
  async dispatch(
    hook: HookName,
    target: PluginTarget,
    events: HookDispatchEvent[],
    capabilities: CapabilityFactory,
    options: DispatchOptions = {},
  ): Promise<{ called: number; failed: number; outcomes: HookOutcome[] }> {
    const installed = options.installations ?? (await this.installations.enabledFor(target.numberId));
    const calls = installed
      .filter((inst) => !options.only || inst.plugin_id === options.only)
      .map((inst) => {
        const loaded = this.installations.plugin(inst.plugin_id)!;
        const declared = loaded.manifest.hooks.find((h) => h.name === hook);
        const handler = loaded.plugin.hooks?.[hook];
        // One context per installation for the whole dispatch: events of a batch share it.
        return declared && handler
          ? { loaded, declared, handler, ctx: this.context(loaded, inst, target, capabilities) }
          : null;
      })
      .filter((c): c is NonNullable<typeof c> => c !== null)
      .sort((a, b) => a.declared.priority - b.declared.priority);
    let failed = 0;
    const outcomes: HookOutcome[] = [];
    for (const [index, { key, subjectId, event }] of events.entries()) {
      // A batch can carry hundreds of messages: let the process's other work in between.
      if (index > 0 && index % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      for (const { loaded, declared, handler, ctx } of calls) {
        const pluginId = loaded.manifest.id;
        if (key !== undefined && options.skip?.(pluginId, key)) continue;
        const outcome = this.invoke(loaded, target, hook, declared.timeoutMs, subjectId, () =>
          handler(event, ctx),
        );
        // Most calls return with nothing to do: no await, so a batch of thousands costs no extra turns.
        const ok = outcome === true || (await outcome);
        if (!ok) failed++;
        if (key !== undefined) outcomes.push({ pluginId, key, ok });
      }
    }
    return { called: calls.length * events.length, failed, outcomes };
  }

  /**
   * Runs automations of `pluginId` on a card (stage entry, card actions), when the plugin is enabled on the
   * card's number. Returns how many failed; false when the plugin is not active there.
   */
  async runAutomations(
    target: PluginTarget,
    pluginId: string,
    names: string[],
    card: PluginCard,
    capabilities: CapabilityFactory,
  ): Promise<{ active: boolean; failed: number; failedNames: string[] }> {
    const inst = (await this.installations.enabledFor(target.numberId)).find((i) => i.plugin_id === pluginId);
    if (!inst) return { active: false, failed: 0, failedNames: [] };
    const loaded = this.installations.plugin(pluginId)!;
    let failed = 0;
    const failedNames: string[] = [];
    for (const name of names) {
      const automation = loaded.plugin.automations?.[name];
      const ctx = this.context(loaded, inst, target, capabilities);
      const ok = await this.invoke(
        loaded,
        target,
        `automation:${name}`,
        AUTOMATION_TIMEOUT_MS,
        card.id,
        () => {
          if (!automation) throw new Error(`the plugin has no automation "${name}"`);
          return automation(card, ctx);
        },
      );
      if (!ok) {
        failed++;
        failedNames.push(name);
      }
    }
    return { active: true, failed, failedNames };
  }

  /** Runs a job a plugin enqueued; a job of a plugin no longer enabled on its number is dropped. */
  async runJob(
    jobId: string,
    capabilities: CapabilityFactory,
    departmentOf: (numberId: string) => Promise<string | null>,
  ): Promise<'done' | 'failed' | 'dropped'> {
    const [job] = await sql<{
      plugin_id: string;
      number_id: string;
      name: string;
      data: Record<string, JsonValue>;
      done_at: Date | null;
    }>(this.em, 'select plugin_id, number_id, name, data, done_at from plugin_jobs where id = ?', [jobId]);
    if (!job || job.done_at) return 'dropped';
    const inst = (await this.installations.enabledFor(job.number_id)).find(
      (i) => i.plugin_id === job.plugin_id,
    );
    const departmentId = await departmentOf(job.number_id);
    let outcome: 'done' | 'failed' | 'dropped' = 'dropped';
    if (inst && departmentId) {
      const loaded = this.installations.plugin(job.plugin_id)!;
      const target = { numberId: job.number_id, departmentId };
      const handler = loaded.plugin.jobs?.[job.name];
      const ctx = this.context(loaded, inst, target, capabilities);
      const ok = await this.invoke(loaded, target, `job:${job.name}`, JOB_TIMEOUT_MS, jobId, () => {
        if (!handler) throw new Error(`the plugin has no job handler "${job.name}"`);
        return handler(job.data, ctx);
      });
      outcome = ok ? 'done' : 'failed';
    }
    await sql(this.em, 'update plugin_jobs set done_at = now() where id = ?', [jobId]);
    return outcome;
  }

  private context(
    loaded: LoadedPlugin,
    inst: InstallationRow,
    target: PluginTarget,
    capabilities: CapabilityFactory,
  ): HookContext {
    const pluginId = loaded.manifest.id;
    const core = capabilities({ plugin: loaded, target, settings: inst.settings });
    return {
      pluginId,
      numberId: target.numberId,
      departmentId: target.departmentId,
      settings: inst.settings,
      log: (message) => this.logger.log(`[${pluginId}] ${message}`),
      cards: core.cards,
      messages: core.messages,
      store: this.store.for(pluginId, target.numberId),
      http: { fetch: (url, init) => this.egress.fetch(url, init) },
      credentials: { get: (key) => this.installations.credential(pluginId, target.numberId, key) },
      jobs: {
        enqueue: async (name, data, options) => {
          if (!loaded.plugin.jobs?.[name]) throw new Error(`the plugin has no job handler "${name}"`);
          const id = uuidv7();
          const delay = Math.max(0, options?.delayMs ?? 0);
          await sql(
            this.em,
            `insert into plugin_jobs (id, plugin_id, number_id, name, data, run_at, created_at)
             values (?, ?, ?, ?, ?::jsonb, now() + make_interval(secs => ?::float / 1000), now())`,
            [id, pluginId, target.numberId, name, JSON.stringify(data), delay],
          );
          const queue = this.moduleRef.get<Queue>(getQueueToken(QUEUES.pluginHooks), { strict: false });
          await queue.add('plugin-job', { pluginJobId: id }, { jobId: id, delay });
        },
      },
    };
  }

  /**
   * Calls `fn` under the timeout; a throw or a timeout is recorded against the plugin, the number and `what`.
   * Answers `true` straight away when `fn` returned without pending work, else a promise of whether it succeeded.
   */
  private invoke(
    loaded: LoadedPlugin,
    target: PluginTarget,
    what: string,
    timeoutMs: number,
    subjectId: string | undefined,
    fn: () => Promise<void> | void,
  ): true | Promise<boolean> {
    let result: Promise<void> | void;
    try {
      result = fn();
    } catch (e) {
      return this.recordFailure(loaded, target, what, subjectId, e);
    }
    if (typeof (result as { then?: unknown } | undefined)?.then !== 'function') return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new HookTimeout(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    return Promise.race([result, timeout])
      .then(
        () => true,
        (e: unknown) => this.recordFailure(loaded, target, what, subjectId, e),
      )
      .finally(() => clearTimeout(timer));
  }

  private async recordFailure(
    loaded: LoadedPlugin,
    target: PluginTarget,
    what: string,
    subjectId: string | undefined,
    e: unknown,
  ): Promise<false> {
    const pluginId = loaded.manifest.id;
    const kind = e instanceof HookTimeout ? 'timeout' : 'error';
    const message = (e instanceof Error ? e.message : String(e)).slice(0, 1000);
    this.logger.warn(`plugin ${pluginId} ${what} on number ${target.numberId}: ${kind}: ${message}`);
    await sql(
      this.em,
      `insert into plugin_hook_failures (id, at, plugin_id, number_id, hook, kind, message, subject_id)
       values (?, now(), ?, ?, ?, ?, ?, ?)`,
      [uuidv7(), pluginId, target.numberId, what, kind, message, subjectId ?? null],
    );
    return false;
  }
}
