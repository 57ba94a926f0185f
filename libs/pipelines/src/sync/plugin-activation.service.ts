import { EntityManager } from '@mikro-orm/postgresql';
import { ConflictException, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import {
  InstallationChange,
  InstallationRow,
  NumberDirectory,
  PluginInstallationsService,
} from '@switchboard/engine';
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
    private readonly numbers: NumberDirectory,
  ) {}

  async apply(numberId: string, pluginId: string, change: InstallationChange): Promise<InstallationRow> {
    return this.em.fork().transactional(async (tx) => {
      const row = await this.installations.upsert(numberId, pluginId, change, tx);
      const plugin = this.installations.plugin(pluginId)!;
      if (plugin.manifest.kind !== 'department' || !row.enabled) return row;
      // upsert refused an unknown number, so the number is there
      const [{ departmentId }] = await this.numbers.describe(tx, [numberId]);
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
    const installed = await this.installations.enabledInstallations(this.em, departmentPlugins);
    const departmentOf = new Map(
      (await this.numbers.describe(this.em, [...new Set(installed.map((i) => i.number_id))])).map((n) => [
        n.id,
        n.departmentId,
      ]),
    );
    const pairs = new Map<string, { department_id: string; plugin_id: string }>();
    for (const i of installed) {
      const departmentId = departmentOf.get(i.number_id);
      if (departmentId)
        pairs.set(`${departmentId}/${i.plugin_id}`, { department_id: departmentId, plugin_id: i.plugin_id });
    }
    const rows = [...pairs.values()];
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

  /** The department plugins enabled on the department's numbers, with the number each runs on. */
  private async departmentPluginsOf(tx: EntityManager, departmentId: string) {
    const numbers = await this.numbers.ofDepartment(tx, departmentId);
    const display = new Map(numbers.map((n) => [n.id, n.displayPhoneNumber]));
    const installed = await this.installations.enabledInstallations(
      tx,
      this.departmentPluginIds(),
      numbers.map((n) => n.id),
    );
    return installed.map((i) => ({
      plugin_id: i.plugin_id,
      display_phone_number: display.get(i.number_id)!,
    }));
  }
}
