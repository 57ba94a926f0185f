import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { uuidv7 } from '@switchboard/engine';
import { Department } from './department.entity';

@Entity({ tableName: 'pipelines' })
@Index({
  name: 'pipelines_one_default',
  expression:
    'create unique index "pipelines_one_default" on "pipelines" ("department_id") where "is_default"',
})
export class Pipeline {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @ManyToOne(() => Department, { fieldName: 'department_id' })
  department!: Department;

  @Property({ type: 'text' })
  name!: string;

  /** New conversations of the department land in its default pipeline. */
  @Property({ type: 'boolean' })
  isDefault: boolean = false;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
