import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { CardEventKind } from '@switchboard/contracts';
import { uuidv7 } from '@switchboard/engine';

export type { CardEventKind };
export type CardActorType = 'user' | 'api_token' | 'plugin' | 'system';

/** One line of a card's timeline: who did what, when. Rows are only ever added. */
@Entity({ tableName: 'card_events' })
@Index({ properties: ['cardId', 'at'] })
export class CardEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  cardId!: string;

  @Property({ type: 'timestamptz' })
  at: Date = new Date();

  @Property({ type: 'text' })
  kind!: CardEventKind;

  @Property({ type: 'text' })
  actorType!: CardActorType;

  /** User id, token id or plugin id; null for the system. */
  @Property({ type: 'text', nullable: true })
  actorId?: string | null;

  /** E-mail, token name or plugin name at the time: the timeline stays readable after renames. */
  @Property({ type: 'text' })
  actorLabel!: string;

  @Property({ type: 'uuid', nullable: true })
  fromStageId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  toStageId?: string | null;

  /** stage_changed: nothing; fields_changed: { before, after }; note: { text }; action: { pluginId, action }. */
  @Property({ type: 'jsonb' })
  data: Record<string, unknown> = {};
}
