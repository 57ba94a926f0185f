import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { uuidv7 } from '@switchboard/engine';
import type { FieldType } from '@switchboard/plugin-sdk';
import { Pipeline } from './pipeline.entity';

/** Type-specific settings of a field: options, currency, referenced record type, maximum length. */
export interface FieldConfig {
  description?: string;
  options?: { value: string; label: string }[];
  currency?: string;
  reference?: { system: string; entity: string };
  maxLength?: number;
}

/** A typed custom field of the cards of one pipeline. */
@Entity({ tableName: 'pipeline_fields' })
@Unique({ properties: ['pipeline', 'key'] })
export class PipelineField {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @ManyToOne(() => Pipeline, { fieldName: 'pipeline_id' })
  pipeline!: Pipeline;

  @Property({ type: 'text' })
  key!: string;

  @Property({ type: 'text' })
  label!: string;

  @Property({ type: 'text' })
  type!: FieldType;

  @Property({ type: 'jsonb' })
  config: FieldConfig = {};

  @Property({ type: 'integer' })
  position!: number;

  /** What the plugin's manifest says for the label. */
  @Property({ type: 'jsonb', defaultRaw: `'{}'` })
  pluginValues: Record<string, unknown> = {};

  /** Attributes an admin set (`label`): the sync leaves them alone. */
  @Property({ type: 'text[]', default: '{}' })
  overridden: string[] = [];

  /** Set when the field left the plugin's manifest: values are kept, no new ones accepted. */
  @Property({ type: 'timestamptz', nullable: true })
  archivedAt?: Date | null;
}
