import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { DepartmentNumbers } from '@switchboard/channels';
import { DepartmentView } from '@switchboard/contracts';
import { PluginInstallationsService } from '@switchboard/engine';
import { DepartmentRecord } from '@switchboard/pipelines';

/**
 * Departments as the API shows them: pipelines owns the department, channels its numbers, the engine the plugin
 * installations on those numbers. Composed here so no lib reads another's tables.
 */
@Injectable()
export class DepartmentViews {
  constructor(
    private readonly numbers: DepartmentNumbers,
    private readonly installations: PluginInstallationsService,
  ) {}

  async of(departments: DepartmentRecord[]): Promise<DepartmentView[]> {
    const numbers = await this.numbers.of(departments.map((d) => d.id));
    const departmentOfNumber = new Map(numbers.map((n) => [n.id, n.departmentId]));
    // A department runs at most one department plugin (enabled on one or more of its numbers).
    const pluginOf = new Map<string, string>();
    for (const i of await this.installations.list()) {
      const departmentId = departmentOfNumber.get(i.number_id);
      if (departmentId && i.enabled && this.installations.plugin(i.plugin_id)?.manifest.kind === 'department')
        pluginOf.set(departmentId, i.plugin_id);
    }
    return departments.map((d) => {
      const plugin = pluginOf.get(d.id);
      return {
        id: d.id,
        key: d.key,
        name: d.name,
        membersOnly: d.membersOnly,
        membersOnlySetByAdmin: d.membersOnlySetByAdmin,
        archivedAt: d.archivedAt?.toISOString() ?? null,
        createdAt: d.createdAt.toISOString(),
        numbers: numbers
          .filter((n) => n.departmentId === d.id)
          .map((n) => ({
            id: n.id,
            displayPhoneNumber: n.displayPhoneNumber,
            phoneNumberId: n.phoneNumberId,
            health: n.health,
          })),
        plugin: plugin ? { id: plugin } : null,
        businessHours: d.businessHours,
      };
    });
  }

  /** For archiving: the display numbers still bound to the department, read on the archiving transaction. */
  boundNumbers = async (tx: EntityManager, departmentId: string): Promise<string[]> =>
    (await this.numbers.of([departmentId], tx)).map((n) => n.displayPhoneNumber);
}
