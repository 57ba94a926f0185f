import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { uuidv7 } from '@switchboard/engine';
import type { BusinessHours } from '@switchboard/plugin-sdk';

/**
 * `department`: everyone with a role there, and admins, see its conversations. `members`: only people with a role
 * there (HR, legal): admins too need a membership.
 */
export type DepartmentVisibility = 'department' | 'members';

/** A business department (sales, support, HR…): owns pipelines and WhatsApp numbers. */
@Entity({ tableName: 'departments' })
export class Department {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  /** Stable identifier used in config and URLs, e.g. `sales`. */
  @Property({ type: 'text', unique: true })
  key!: string;

  @Property({ type: 'text' })
  name!: string;

  /**
   * A default set by the department plugin installed on the department's numbers, until an admin sets the
   * members-only flag (`visibilityPinned`): from then on the admin's choice stands and plugin syncs leave it.
   */
  @Property({ type: 'text' })
  visibility: DepartmentVisibility = 'department';

  @Property({ type: 'boolean' })
  visibilityPinned: boolean = false;

  /** When the department answers (silence alarms count only these minutes); null: its department plugin's, else the default. */
  @Property({ type: 'jsonb', nullable: true })
  businessHours?: BusinessHours | null;

  /** Archived departments keep their history but take no new numbers; they are never deleted. */
  @Property({ type: 'timestamptz', nullable: true })
  archivedAt?: Date | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
