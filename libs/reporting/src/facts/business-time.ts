import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { BusinessCalendar, businessElapsedMs } from '@switchboard/contracts';
import { DepartmentDirectory } from '@switchboard/engine';

/** Business time per department, by the department's calendar (read once per batch through the engine port). */
@Injectable()
export class BusinessTime {
  constructor(private readonly departments: DepartmentDirectory) {}

  /** A function measuring business milliseconds in each of `departmentIds`' calendars. */
  async forDepartments(
    em: EntityManager,
    departmentIds: Iterable<string>,
  ): Promise<(departmentId: string, from: Date, to: Date) => number> {
    const calendars: Map<string, BusinessCalendar> = await this.departments.calendarsOf(em, [
      ...new Set(departmentIds),
    ]);
    return (departmentId, from, to) => {
      const calendar = calendars.get(departmentId);
      if (!calendar) throw new Error(`no calendar loaded for department ${departmentId}`);
      return businessElapsedMs(calendar, from, to);
    };
  }
}
