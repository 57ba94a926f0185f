import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  BusinessCalendar,
  businessCalendarSchema,
  calendarFromBusinessHours,
  BusinessHours,
  businessHoursSchema,
  DepartmentCalendarSource,
} from '@switchboard/contracts';
import { NumberDirectory, PluginInstallationsService, sql } from '@switchboard/engine';

/** A department's calendar and where it came from (the hours it was made of, unless its own calendar). */
export interface ResolvedCalendar {
  calendar: BusinessCalendar;
  source: DepartmentCalendarSource;
  pluginId: string | null;
  /** The simple hours the calendar was made of; null for the department's own calendar. */
  hours: BusinessHours | null;
  /** When the department's own calendar was last set; null without one. */
  updatedAt: Date | null;
}

interface Row {
  id: string;
  business_hours: BusinessHours | null;
  calendar: BusinessCalendar | null;
  updated_at: Date | null;
}

const DEFAULT_HOURS = businessHoursSchema.parse({});
const fromHours = (
  hours: BusinessHours,
  source: DepartmentCalendarSource,
  pluginId: string | null,
): ResolvedCalendar => ({
  calendar: calendarFromBusinessHours(hours),
  source,
  pluginId,
  hours,
  updatedAt: null,
});

/**
 * The one rule for "which calendar does a department count by", used by SLA clocks and reports (through the
 * engine's DepartmentDirectory port), the silence alarm, number health and routing's business-hours condition:
 * its own calendar, else its `businessHours`, else the `businessHours` setting of the department plugin enabled on
 * one of its numbers (the first by number id), else Monday–Friday 09:00–18:00 UTC. At most three queries, whatever
 * the number of departments.
 */
@Injectable()
export class DepartmentCalendarResolver {
  constructor(
    private readonly installations: PluginInstallationsService,
    private readonly numbers: NumberDirectory,
  ) {}

  async resolve(em: EntityManager, departmentIds: readonly string[]): Promise<Map<string, ResolvedCalendar>> {
    const ids = [...new Set(departmentIds)];
    const resolved = new Map<string, ResolvedCalendar>();
    if (!ids.length) return resolved;
    const rows = await sql<Row>(
      em,
      `select d.id, d.business_hours, c.calendar, c.updated_at
         from departments d left join department_calendars c on c.department_id = d.id
        where d.id = any(?::uuid[])`,
      [ids],
    );
    const needPlugin: string[] = [];
    for (const r of rows) {
      // Stored rows were validated on the way in; parsing again fills defaults a later schema may have added.
      const own = r.calendar ? businessCalendarSchema.safeParse(r.calendar) : null;
      if (own?.success)
        resolved.set(r.id, {
          calendar: own.data,
          source: 'calendar',
          pluginId: null,
          hours: null,
          updatedAt: r.updated_at ? new Date(r.updated_at) : null,
        });
      else if (r.business_hours)
        resolved.set(r.id, fromHours(businessHoursSchema.parse(r.business_hours), 'department', null));
      else needPlugin.push(r.id);
    }
    const plugins = await this.pluginHours(em, needPlugin);
    for (const id of ids) {
      if (resolved.has(id)) continue;
      const plugin = plugins.get(id);
      resolved.set(
        id,
        plugin
          ? fromHours(plugin.hours, 'plugin', plugin.pluginId)
          : fromHours(DEFAULT_HOURS, 'default', null),
      );
    }
    return resolved;
  }

  /** The valid `businessHours` settings of department plugins enabled on the departments' numbers. */
  private async pluginHours(
    em: EntityManager,
    departmentIds: string[],
  ): Promise<Map<string, { hours: BusinessHours; pluginId: string }>> {
    const found = new Map<string, { hours: BusinessHours; pluginId: string }>();
    if (!departmentIds.length) return found;
    const departmentPlugins = this.installations
      .loaded()
      .filter((p) => p.manifest.kind === 'department')
      .map((p) => p.manifest.id);
    if (!departmentPlugins.length) return found;
    // The installations table is the engine's: read through its service (a small table: numbers × plugins).
    const installs = (await this.installations.list())
      .filter(
        (i) => i.enabled && departmentPlugins.includes(i.plugin_id) && i.settings.businessHours !== undefined,
      )
      .sort((x, y) => (x.number_id < y.number_id ? -1 : x.number_id > y.number_id ? 1 : 0));
    if (!installs.length) return found;
    const wanted = new Set(departmentIds);
    const departmentOf = new Map(
      (await this.numbers.describe(em, [...new Set(installs.map((i) => i.number_id))])).map((n) => [
        n.id,
        n.departmentId,
      ]),
    );
    for (const i of installs) {
      const departmentId = departmentOf.get(i.number_id);
      if (!departmentId || !wanted.has(departmentId) || found.has(departmentId)) continue;
      const parsed = businessHoursSchema.safeParse(i.settings.businessHours);
      if (parsed.success) found.set(departmentId, { hours: parsed.data, pluginId: i.plugin_id });
    }
    return found;
  }
}
