import type { EntityManager } from '@mikro-orm/postgresql';

/** What libraries below channels may know about a WhatsApp number. */
export interface NumberFacts {
  id: string;
  departmentId: string;
  displayPhoneNumber: string;
}

/**
 * WhatsApp numbers, for libraries below channels (engine plugins, pipelines): channels owns the numbers table and
 * provides this port, so they read numbers without their SQL and without importing a library above them.
 */
export abstract class NumberDirectory {
  /** The numbers among `ids` that exist (unknown ids are left out), in one query. */
  abstract describe(em: EntityManager, ids: readonly string[]): Promise<NumberFacts[]>;

  /** The numbers of a department. */
  abstract ofDepartment(em: EntityManager, departmentId: string): Promise<NumberFacts[]>;
}
