import type { EntityManager } from '@mikro-orm/postgresql';

/** What libraries below pipelines may know about a department. */
export interface DepartmentFacts {
  id: string;
  key: string;
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
}
