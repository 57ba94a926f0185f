import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { uuidv7 } from '@switchboard/engine';

/** How a template's variables are written: {{1}}, {{2}} or {{customer_name}}. */
export type TemplateParameterFormat = 'POSITIONAL' | 'NAMED';

/**
 * A message template of a WABA as Meta last listed it. Templates Meta stops listing keep their row with
 * `deletedAt` set, so sends and history that name them still resolve.
 */
@Entity({ tableName: 'message_templates' })
@Unique({ properties: ['wabaId', 'name', 'language'] })
export class MessageTemplate {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'text' })
  wabaId!: string;

  /** Meta's template id. */
  @Property({ type: 'text' })
  metaId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  language!: string;

  @Property({ type: 'text' })
  category!: string;

  @Property({ type: 'text' })
  status!: string;

  @Property({ type: 'text', nullable: true })
  qualityScore: string | null = null;

  @Property({ type: 'jsonb' })
  components!: unknown[];

  @Property({ type: 'text' })
  parameterFormat!: TemplateParameterFormat;

  /** The last sync that saw it listed. */
  @Property({ type: 'timestamptz' })
  syncedAt!: Date;

  /** Set by the first sync that no longer saw it listed. */
  @Property({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null = null;
}
