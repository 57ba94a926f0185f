import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { uuidv7 } from '@switchboard/engine';
import { Pipeline } from './pipeline.entity';

export type StageCategory = 'open' | 'waiting' | 'done';

@Entity({ tableName: 'pipeline_stages' })
@Unique({ properties: ['pipeline', 'key'] })
export class PipelineStage {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @ManyToOne(() => Pipeline, { fieldName: 'pipeline_id' })
  pipeline!: Pipeline;

  @Property({ type: 'text' })
  key!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'text' })
  category: StageCategory = 'open';

  @Property({ type: 'text', nullable: true })
  color?: string | null;

  /** At most this many cards at once; null = no limit. */
  @Property({ type: 'integer', nullable: true })
  wipLimit?: number | null;

  /** Field keys that must have a value before a card may enter. */
  @Property({ type: 'jsonb' })
  requiredFields: string[] = [];

  /** Automations of the pipeline's plugin run when a card enters. */
  @Property({ type: 'jsonb' })
  onEnter: string[] = [];

  /** What the plugin's manifest (or the built-in pipeline) says for name, color, wipLimit and requiredFields. */
  @Property({ type: 'jsonb', defaultRaw: `'{}'` })
  pluginValues: Record<string, unknown> = {};

  /** Attributes an admin set (`name`, `color`, `wipLimit`, `requiredFields`): the sync leaves them alone. */
  @Property({ type: 'text[]', default: '{}' })
  overridden: string[] = [];

  /** Set when the stage left the plugin's manifest: cards may stay, none may enter. */
  @Property({ type: 'timestamptz', nullable: true })
  archivedAt?: Date | null;
}
