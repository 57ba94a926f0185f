import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { uuidv7 } from '@switchboard/engine';

/**
 * A conversation's card in its department's pipeline. Conversation and department are plain ids:
 * pipelines must not reach into the conversations lib's entities.
 */
@Entity({ tableName: 'cards' })
@Index({ properties: ['pipelineId', 'stageId'] })
export class Card {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid', unique: true })
  conversationId!: string;

  @Property({ type: 'uuid', index: true })
  departmentId!: string;

  @Property({ type: 'uuid' })
  pipelineId!: string;

  @Property({ type: 'uuid' })
  stageId!: string;

  @Property({ type: 'text' })
  title!: string;

  /** Custom field values by field key, validated against the pipeline's fields. */
  @Property({ type: 'jsonb' })
  fields: Record<string, unknown> = {};

  @Property({ type: 'timestamptz' })
  stageEnteredAt: Date = new Date();

  /** The stored webhook delivery whose message opened the card: card.created hooks run with its job. */
  @Property({ type: 'uuid', nullable: true, index: true })
  openedByEventId?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
