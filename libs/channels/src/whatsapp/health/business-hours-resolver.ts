import { Injectable } from '@nestjs/common';
import { BusinessHoursSource } from '@switchboard/contracts';
import { PluginInstallationsService } from '@switchboard/engine';
import { DepartmentAdminService } from '@switchboard/pipelines';
import { BusinessHours, businessHoursSchema } from '@switchboard/plugin-sdk';

export interface ResolvedBusinessHours {
  hours: BusinessHours;
  source: BusinessHoursSource;
  pluginId: string | null;
}

const DEFAULT_HOURS = businessHoursSchema.parse({});

/**
 * The business hours a number's alarms follow: its department's own, else the `businessHours` setting of the
 * department plugin enabled on the number, else the default (Monday–Friday 09:00–18:00 UTC).
 */
@Injectable()
export class BusinessHoursResolver {
  constructor(
    private readonly departments: DepartmentAdminService,
    private readonly installations: PluginInstallationsService,
  ) {}

  async forNumbers(
    numbers: { id: string; departmentId: string }[],
  ): Promise<Map<string, ResolvedBusinessHours>> {
    const own = await this.departments.ownBusinessHours([...new Set(numbers.map((n) => n.departmentId))]);
    const resolved = new Map<string, ResolvedBusinessHours>();
    for (const n of numbers) {
      const departmentHours = own.get(n.departmentId);
      resolved.set(
        n.id,
        departmentHours
          ? { hours: businessHoursSchema.parse(departmentHours), source: 'department', pluginId: null }
          : await this.fromPlugin(n.id),
      );
    }
    return resolved;
  }

  private async fromPlugin(numberId: string): Promise<ResolvedBusinessHours> {
    for (const i of await this.installations.enabledFor(numberId)) {
      if (this.installations.plugin(i.plugin_id)?.manifest.kind !== 'department') continue;
      const parsed = businessHoursSchema.safeParse(i.settings.businessHours);
      if (i.settings.businessHours !== undefined && parsed.success)
        return { hours: parsed.data, source: 'plugin', pluginId: i.plugin_id };
    }
    return { hours: DEFAULT_HOURS, source: 'default', pluginId: null };
  }
}
