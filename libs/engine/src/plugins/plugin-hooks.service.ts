import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { HookName } from '@switchboard/plugin-sdk';
import { uuidv7 } from '../ids/uuid-v7';
import { sql } from '../persistence/sql';
import { LOADED_PLUGINS, LoadedPlugins } from './loaded-plugins';
import { PluginInstallationsService } from './plugin-installations.service';

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

/**
 * Runs a hook for the plugins installed on one number, in priority order. A handler that throws or runs past its
 * timeout is recorded and skipped: it never stops the others, and never reaches intake. Another number's plugins
 * are never called.
 */
@Injectable()
export class PluginHooksService {
  private readonly logger = new Logger(PluginHooksService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly installations: PluginInstallationsService,
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

  /** Runs `hook` for each event, in order, on one number; the number's installations are read once. */
  async dispatch(
    hook: HookName,
    target: { numberId: string; departmentId: string },
    events: { subjectId?: string; event: Record<string, unknown> }[],
  ): Promise<{ called: number; failed: number }> {
    const installed = await this.installations.enabledFor(target.numberId);
    const calls = installed
      .map((inst) => {
        const loaded = this.plugins.find((p) => p.manifest.id === inst.plugin_id)!;
        const declared = loaded.manifest.hooks.find((h) => h.name === hook);
        const handler = loaded.plugin.hooks?.[hook];
        return declared && handler ? { inst, loaded, declared, handler } : null;
      })
      .filter((c): c is NonNullable<typeof c> => c !== null)
      .sort((a, b) => a.declared.priority - b.declared.priority);
    let failed = 0;
    for (const { subjectId, event } of events)
      for (const { inst, loaded, declared, handler } of calls) {
        const pluginId = loaded.manifest.id;
        let timer: NodeJS.Timeout | undefined;
        try {
          await Promise.race([
            Promise.resolve().then(() =>
              handler(event, {
                pluginId,
                numberId: target.numberId,
                departmentId: target.departmentId,
                settings: inst.settings,
                log: (message) => this.logger.log(`[${pluginId}] ${message}`),
              }),
            ),
            new Promise<never>((_, reject) => {
              timer = setTimeout(
                () => reject(new HookTimeout(`no answer within ${declared.timeoutMs} ms`)),
                declared.timeoutMs,
              );
            }),
          ]);
        } catch (e) {
          failed++;
          const kind = e instanceof HookTimeout ? 'timeout' : 'error';
          const message = (e instanceof Error ? e.message : String(e)).slice(0, 1000);
          this.logger.warn(`plugin ${pluginId} ${hook} on number ${target.numberId}: ${kind}: ${message}`);
          await sql(
            this.em,
            `insert into plugin_hook_failures (id, at, plugin_id, number_id, hook, kind, message, subject_id)
           values (?, now(), ?, ?, ?, ?, ?, ?)`,
            [uuidv7(), pluginId, target.numberId, hook, kind, message, subjectId ?? null],
          );
        } finally {
          clearTimeout(timer);
        }
      }
    return { called: calls.length * events.length, failed };
  }
}
