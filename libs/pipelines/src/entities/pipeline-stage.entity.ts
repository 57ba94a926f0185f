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
}
