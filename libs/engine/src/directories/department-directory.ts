import type { EntityManager } from '@mikro-orm/postgresql';
import type { BusinessCalendar } from '@switchboard/contracts';

/** What libraries below pipelines may know about a department. */
export interface DepartmentFacts {
  id: string;
  key: string;
  /** Its display name (an admin sets it; the key never changes). */
  name: string;
  /** Only people with a role there see it (HR, legal); admins too need a membership. */
  membersOnly: boolean;
}

/**
 * Departments, for libraries below pipelines (identity): pipelines owns the departments table and provides this
 * port, so identity reads departments without their SQL and without importing a library above it.
 */
export abstract class DepartmentDirectory {
  /** The departments among `ids` that exist (unknown ids are left out), in one query. */
  abstract describe(em: EntityManager, ids: readonly string[]): Promise<DepartmentFacts[]>;

  /** Every department, archived ones included. */
  abstract all(em: EntityManager): Promise<DepartmentFacts[]>;

  /**
   * The business calendar a department counts time by: its own calendar, else one made of its `businessHours`,
   * else of its department plugin's `businessHours` setting, else Monday–Friday 09:00–18:00 UTC. An unknown id gets
   * the default too (a clock on a department deleted meanwhile keeps counting rather than failing).
   */
  abstract calendarOf(em: EntityManager, departmentId: string): Promise<BusinessCalendar>;

  /** `calendarOf` for many departments, in a fixed number of queries; every id given is in the map. */
  abstract calendarsOf(
    em: EntityManager,
    departmentIds: readonly string[],
  ): Promise<Map<string, BusinessCalendar>>;
}
