import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { uuidv7 } from '@switchboard/engine';
import type { DepartmentRole } from '../access/permissions';

/** A user's role in one department. Everything a non-admin sees is limited to these departments. */
@Entity({ tableName: 'department_memberships' })
@Unique({ properties: ['userId', 'departmentId'] })
@Index({ properties: ['departmentId'] })
export class DepartmentMembership {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'uuid' })
  departmentId!: string;

  @Property({ type: 'text' })
  role!: DepartmentRole;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
