import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { uuidv7 } from '@switchboard/engine';
import { Department } from './department.entity';

@Entity({ tableName: 'pipelines' })
@Unique({ properties: ['department', 'key'] })
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

  /** Stable within the department: the contributing plugin's pipeline key, or `conversations` for the built-in one. */
  @Property({ type: 'text' })
  key!: string;

  @Property({ type: 'text' })
  name!: string;

  /** The department plugin that contributed it (kept in step with its manifest), or null for the built-in one. */
  @Property({ type: 'text', nullable: true })
  pluginId?: string | null;

  /** New conversations of the department land in its default pipeline. */
  @Property({ type: 'boolean' })
  isDefault: boolean = false;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
