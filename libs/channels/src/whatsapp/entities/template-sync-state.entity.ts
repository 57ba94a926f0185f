import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Meta's refusal of a sync: its code, subcode and message (never the token). */
export interface TemplateSyncError {
  code: number | null;
  subcode: number | null;
  message: string;
}

/** The latest template sync of one WABA: when it was tried, when it last succeeded, and why it last failed. */
@Entity({ tableName: 'message_template_syncs' })
export class TemplateSyncState {
  @PrimaryKey({ type: 'text' })
  wabaId!: string;

  @Property({ type: 'timestamptz' })
  attemptedAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  syncedAt: Date | null = null;

  /** The latest attempt's error; null once an attempt succeeds. */
  @Property({ type: 'jsonb', nullable: true })
  error: TemplateSyncError | null = null;
}
