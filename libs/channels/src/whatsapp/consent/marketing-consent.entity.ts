import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { uuidv7 } from '@switchboard/engine';

export type MarketingConsentState = 'stopped' | 'granted';
export type MarketingConsentSource = 'webhook' | 'api';

/**
 * A customer's current marketing consent toward one WABA. Kept by (waba_id, wa_id) rather than by contact: a stop
 * may arrive before the customer ever wrote, when no contact row exists yet.
 */
@Entity({ tableName: 'marketing_consents' })
export class MarketingConsent {
  @PrimaryKey({ type: 'text' })
  wabaId!: string;

  @PrimaryKey({ type: 'text' })
  waId!: string;

  @Property({ type: 'text' })
  state!: MarketingConsentState;

  /** When the customer (per Meta's timestamp) or the admin changed it: the newer change wins. */
  @Property({ type: 'timestamptz' })
  since!: Date;

  @Property({ type: 'text' })
  source!: MarketingConsentSource;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** Every consent change as it arrived, append-only; `applied` is false for one older than the state it found. */
@Entity({ tableName: 'marketing_consent_changes' })
@Index({
  name: 'marketing_consent_changes_event_path_unique',
  expression:
    'create unique index "marketing_consent_changes_event_path_unique" on "marketing_consent_changes" ("inbound_event_id", "path") where "inbound_event_id" is not null',
})
@Index({ name: 'marketing_consent_changes_waba_wa_id_index', properties: ['wabaId', 'waId', 'recordedAt'] })
export class MarketingConsentChange {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'text' })
  wabaId!: string;

  @Property({ type: 'text' })
  waId!: string;

  @Property({ type: 'text' })
  state!: MarketingConsentState;

  /** When it happened: Meta's timestamp for a webhook, the request time for the API. */
  @Property({ type: 'timestamptz' })
  at!: Date;

  @Property({ type: 'timestamptz' })
  recordedAt!: Date;

  @Property({ type: 'text' })
  source!: MarketingConsentSource;

  @Property({ type: 'boolean' })
  applied!: boolean;

  @Property({ type: 'uuid', nullable: true })
  inboundEventId: string | null = null;

  @Property({ type: 'text', nullable: true })
  path: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  actorId: string | null = null;

  @Property({ type: 'text', nullable: true })
  note: string | null = null;
}
