import {
  businessHoursSchema,
  calendarFromBusinessHours,
  isOpenAt,
  type BusinessHours,
} from '@switchboard/contracts';

// One definition, in the contracts: the department API validates with it, plugins' settings too.
export { businessHoursSchema };
export type { BusinessHours };

/**
 * Whether `at` falls inside the business hours, judged by the weekday and wall-clock time in `hours.timezone`
 * (so daylight-saving changes are followed). Opening time is inclusive, closing time exclusive. The hours become a
 * business calendar and the contracts' calendar math answers: the same one SLA clocks and alarms use.
 * Throws a RangeError for an invalid date or time zone rather than guessing an answer.
 */
export function isWithinBusinessHours(hours: BusinessHours, at: Date): boolean {
  if (Number.isNaN(at.getTime())) throw new RangeError('isWithinBusinessHours: invalid date');
  return isOpenAt(calendarFromBusinessHours(hours), at);
}
