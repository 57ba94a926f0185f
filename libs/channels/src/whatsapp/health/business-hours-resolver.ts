import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { BusinessCalendar, BusinessHours, BusinessHoursSource } from '@switchboard/contracts';
import { DepartmentCalendarResolver } from '@switchboard/pipelines';

export interface ResolvedBusinessHours {
  /** What every check counts by (isOpenAt, businessElapsedMs): the department's calendar. */
  calendar: BusinessCalendar;
  /** The simple hours the calendar was made of; null when the department set a calendar of its own. */
  hours: BusinessHours | null;
  source: BusinessHoursSource;
  pluginId: string | null;
}

/**
 * The business calendar a number's alarms and routing's hours condition follow: its department's, by pipelines'
 * one rule (DepartmentCalendarResolver: own calendar, else `businessHours`, else the department plugin's, else
 * Monday–Friday 09:00–18:00 UTC), which SLA clocks and reports use too.
 */
@Injectable()
export class BusinessHoursResolver {
  constructor(
    private readonly em: EntityManager,
    private readonly calendars: DepartmentCalendarResolver,
  ) {}

  async forNumbers(
    numbers: { id: string; departmentId: string }[],
  ): Promise<Map<string, ResolvedBusinessHours>> {
    const byDepartment = await this.calendars.resolve(
      this.em,
      numbers.map((n) => n.departmentId),
    );
    const resolved = new Map<string, ResolvedBusinessHours>();
    for (const n of numbers) {
      const r = byDepartment.get(n.departmentId);
      if (r)
        resolved.set(n.id, { calendar: r.calendar, hours: r.hours, source: r.source, pluginId: r.pluginId });
    }
    return resolved;
  }
}
