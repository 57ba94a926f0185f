import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A number's silence alarm and what the check last saw. Silence is measured on the engine clock: from `quietSince`
 * (when the alarm was switched on, or when the check first saw a newer inbound message than `inboundMarker`).
 */
@Entity({ tableName: 'number_watches' })
export class NumberWatch {
  @PrimaryKey({ type: 'uuid' })
  numberId!: string;

  /** Business-hours minutes without inbound messages before a silence alert; null: the alarm is off. */
  @Property({ type: 'integer', nullable: true })
  silenceAlarmMinutes: number | null = null;

  @Property({ type: 'timestamptz' })
  quietSince!: Date;

  /** The newest inbound message the check has seen (its id); a different one means the number heard from someone. */
  @Property({ type: 'text', nullable: true })
  inboundMarker: string | null = null;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;

  /**
   * When the latest completed check of this alarm started, on the wall clock (not the engine clock, which tests
   * hold still): a time after a change means a check has seen it.
   */
  @Property({ type: 'timestamptz', nullable: true })
  lastCheckedAt: Date | null = null;
}
