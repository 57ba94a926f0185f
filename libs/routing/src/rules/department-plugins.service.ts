import { Injectable } from '@nestjs/common';
import { DepartmentNumbers } from '@switchboard/channels';
import { LoadedPlugin, PluginInstallationsService } from '@switchboard/engine';

/**
 * Which department plugin a department runs: the one enabled on any of its numbers (a department runs one at a
 * time). Read from the installations each time, so an activation takes effect on the next decision.
 */
@Injectable()
export class DepartmentPlugins {
  constructor(
    private readonly numbers: DepartmentNumbers,
    private readonly installations: PluginInstallationsService,
  ) {}

  async of(departmentIds: readonly string[]): Promise<Map<string, LoadedPlugin | null>> {
    const result = new Map<string, LoadedPlugin | null>(departmentIds.map((d) => [d, null]));
    const hasDepartmentPlugins = this.installations.loaded().some((p) => p.manifest.kind === 'department');
    if (!hasDepartmentPlugins || !departmentIds.length) return result;
    for (const number of await this.numbers.of(departmentIds)) {
      if (result.get(number.departmentId)) continue;
      for (const i of await this.installations.enabledFor(number.id)) {
        const plugin = this.installations.plugin(i.plugin_id);
        if (plugin?.manifest.kind === 'department') {
          result.set(number.departmentId, plugin);
          break;
        }
      }
    }
    return result;
  }
}
