import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { uuidv7 } from '@switchboard/engine';

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

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
