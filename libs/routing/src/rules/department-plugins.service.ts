import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { DepartmentNumbers } from '@switchboard/channels';
import { LoadedPlugin, PluginInstallationsService } from '@switchboard/engine';

/**
 * Which department plugin a department runs: the one enabled on any of its numbers (a department runs one at a
 * time). Read from the installations each time, so an activation takes effect on the next decision; two queries
 * for a whole batch (the departments' numbers, then their enabled department-plugin installations).
 */
@Injectable()
export class DepartmentPlugins {
  constructor(
    private readonly numbers: DepartmentNumbers,
    private readonly installations: PluginInstallationsService,
  ) {}

  async of(em: EntityManager, departmentIds: readonly string[]): Promise<Map<string, LoadedPlugin | null>> {
    const result = new Map<string, LoadedPlugin | null>(departmentIds.map((d) => [d, null]));
    const departmentPlugins = this.installations
      .loaded()
      .filter((p) => p.manifest.kind === 'department')
      .map((p) => p.manifest.id);
    if (!departmentPlugins.length || !departmentIds.length) return result;
    const numbers = await this.numbers.of(departmentIds, em);
    if (!numbers.length) return result;
    const installed = await this.installations.enabledInstallations(
      em,
      departmentPlugins,
      numbers.map((n) => n.id),
    );
    // The department's numbers in their order (oldest first), as when each number was read on its own.
    for (const number of numbers) {
      if (result.get(number.departmentId)) continue;
      const on = installed
        .filter((i) => i.number_id === number.id)
        .sort((a, b) => (a.plugin_id < b.plugin_id ? -1 : 1));
      const plugin = on
        .map((i) => this.installations.plugin(i.plugin_id))
        .find((p) => p?.manifest.kind === 'department');
      if (plugin) result.set(number.departmentId, plugin);
    }
    return result;
  }
}
