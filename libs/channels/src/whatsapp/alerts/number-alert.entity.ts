import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { uuidv7 } from '@switchboard/engine';

/**
 * What an alert is about. `silence`: no inbound message for the number's silence alarm minutes of business hours.
 * `account`: Meta banned, restricted or flagged the account or number (account_update, account_alerts).
 */
export type NumberAlertKind = 'silence' | 'account';

/**
 * Something about a number that needs a person: raised by a check, acknowledged by someone, resolved by the check
 * when the cause is gone. At most one open (unresolved) alert of a kind per number.
 */
@Entity({ tableName: 'number_alerts' })
@Index({ properties: ['departmentId', 'raisedAt'] })
@Index({ properties: ['numberId', 'raisedAt'] })
@Index({
  name: 'number_alerts_open_unique',
  expression: `create unique index "number_alerts_open_unique" on "number_alerts" ("number_id", "kind") where "resolved_at" is null`,
})
export class NumberAlert {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  numberId!: string;

  /** The number's department when raised (kept for the record): who sees the alert follows the number's current one. */
  @Property({ type: 'uuid' })
  departmentId!: string;

  @Property({ type: 'text' })
  kind!: NumberAlertKind;

  @Property({ type: 'timestamptz' })
  raisedAt!: Date;

  @Property({ type: 'jsonb' })
  detail: Record<string, unknown> = {};

  @Property({ type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null = null;

  /** The user who acknowledged it (null for an API token). */
  @Property({ type: 'uuid', nullable: true })
  acknowledgedBy: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null = null;
}
