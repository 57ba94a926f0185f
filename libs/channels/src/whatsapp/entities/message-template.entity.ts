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

  /**
   * Meta's detail with the latest status webhook: rejection reason, other_info (PAUSED / FLAGGED), disable date
   * or the like, exactly as sent.
   */
  @Property({ type: 'jsonb', nullable: true })
  statusDetail: Record<string, unknown> | null = null;

  /** Meta's time of the latest status change applied from a webhook: an older one arriving later is not applied. */
  @Property({ type: 'timestamptz', nullable: true })
  statusChangedAt: Date | null = null;

  /** Set by the first sync that no longer saw it listed. */
  @Property({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null = null;
}
