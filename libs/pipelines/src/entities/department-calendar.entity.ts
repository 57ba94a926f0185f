import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { BusinessCalendar } from '@switchboard/contracts';

/**
 * A department's own business calendar (time zone, weekly periods, holidays, exceptions), set by an admin. Without
 * a row the department counts by its `businessHours`, its plugin's, or the default (DepartmentCalendarResolver).
 */
@Entity({ tableName: 'department_calendars' })
export class DepartmentCalendar {
  @PrimaryKey({ type: 'uuid' })
  departmentId!: string;

  /** Validated by businessCalendarSchema on the way in. */
  @Property({ type: 'jsonb' })
  calendar!: BusinessCalendar;

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
