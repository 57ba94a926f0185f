import { EntityManager } from '@mikro-orm/postgresql';
import { ConflictException, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InstallationChange, InstallationRow, PluginInstallationsService, sql } from '@switchboard/engine';
import { PipelineSyncService } from './pipeline-sync.service';

/**
 * Activating a plugin on a number. For a department plugin that also means the number's department runs its
 * process: its pipelines, fields and visibility are synced in the same transaction. A department runs one
 * department plugin at a time.
 */
@Injectable()
export class PluginActivationService implements OnApplicationBootstrap {
  private readonly logger = new Logger(PluginActivationService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly installations: PluginInstallationsService,
    private readonly sync: PipelineSyncService,
  ) {}

  async apply(numberId: string, pluginId: string, change: InstallationChange): Promise<InstallationRow> {
    return this.em.fork().transactional(async (tx) => {
      const row = await this.installations.upsert(numberId, pluginId, change, tx);
      const plugin = this.installations.plugin(pluginId)!;
      if (plugin.manifest.kind !== 'department' || !row.enabled) return row;
      const [{ department_id: departmentId }] = await sql<{ department_id: string }>(
        tx,
        'select department_id from whatsapp_numbers where id = ?',
        [numberId],
      );
      const others = await this.departmentPluginsOf(tx, departmentId);
      const other = others.find((o) => o.plugin_id !== pluginId);
      if (other)
        throw new ConflictException(
          `this number's department already runs the department plugin "${other.plugin_id}" (on +${other.display_phone_number}); disable it there first`,
        );
      await this.sync.syncDepartment(tx, departmentId, plugin.manifest);
      return row;
    });
  }

  /** At boot, departments follow the (possibly upgraded) manifests of the department plugins they run. */
  async onApplicationBootstrap(): Promise<void> {
    const departmentPlugins = this.departmentPluginIds();
    if (!departmentPlugins.length) return;
    const rows = await sql<{ department_id: string; plugin_id: string }>(
      this.em,
      `select distinct n.department_id, i.plugin_id from plugin_installations i
         join whatsapp_numbers n on n.id = i.number_id
        where i.enabled and i.plugin_id = any(?::text[])`,
      [departmentPlugins],
    );
    for (const r of rows)
      await this.em
        .fork()
        .transactional((tx) =>
          this.sync.syncDepartment(tx, r.department_id, this.installations.plugin(r.plugin_id)!.manifest),
        );
    if (rows.length) this.logger.log(`pipelines of ${rows.length} department(s) synced with their plugins`);
  }

  private departmentPluginIds(): string[] {
    return this.installations
      .loaded()
      .filter((p) => p.manifest.kind === 'department')
      .map((p) => p.manifest.id);
  }

  private departmentPluginsOf(tx: EntityManager, departmentId: string) {
    return sql<{ plugin_id: string; display_phone_number: string }>(
      tx,
      `select i.plugin_id, n.display_phone_number from plugin_installations i
         join whatsapp_numbers n on n.id = i.number_id
        where n.department_id = ? and i.enabled and i.plugin_id = any(?::text[])`,
      [departmentId, this.departmentPluginIds()],
    );
  }
}
