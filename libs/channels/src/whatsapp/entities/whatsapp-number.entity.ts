import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { uuidv7 } from '@switchboard/engine';

export type NumberHealth = 'active' | 'token_invalid';

/** One check of a connection test, with Meta's own error when it failed. */
export interface ConnectionCheck {
  name: 'token' | 'subscribed_app' | 'webhook_verify_token';
  ok: boolean;
  /** What was found or done, e.g. "the app was not subscribed; subscribed it". */
  detail?: string;
  error?: { code: number | null; subcode?: number | null; message: string };
  /** When this check ran, if not with the rest of the connection test (a token rotation stores its own). */
  at?: string;
}

/**
 * A WhatsApp Cloud API phone number bound to a department. Token, app secret and verify token are
 * sealed with the SecretBox (never stored or returned in clear); the verify token also has a keyed
 * digest so the GET handshake can find its number without decrypting every row.
 */
@Entity({ tableName: 'whatsapp_numbers' })
export class WhatsappNumber {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'text', unique: true })
  phoneNumberId!: string;

  @Property({ type: 'text' })
  displayPhoneNumber!: string;

  @Property({ type: 'text' })
  wabaId!: string;

  @Property({ type: 'uuid' })
  departmentId!: string;

  @Property({ type: 'text' })
  graphBaseUrl!: string;

  @Property({ type: 'text' })
  graphVersion!: string;

  @Property({ type: 'text', hidden: true })
  accessTokenSealed!: string;

  @Property({ type: 'text', hidden: true })
  appSecretSealed!: string;

  /** Short fingerprint of the app secret: events record which secret signed them. */
  @Property({ type: 'text' })
  appSecretFingerprint!: string;

  /** The app secret before the last rotation: deliveries it signs are accepted until `previousAppSecretUntil`. */
  @Property({ type: 'text', hidden: true, nullable: true })
  previousAppSecretSealed?: string | null;

  @Property({ type: 'text', nullable: true })
  previousAppSecretFingerprint?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  previousAppSecretUntil?: Date | null;

  @Property({ type: 'text', hidden: true })
  verifyTokenSealed!: string;

  @Property({ type: 'text', hidden: true, index: true })
  verifyTokenDigest!: string;

  @Property({ type: 'text' })
  health: NumberHealth = 'active';

  @Property({ type: 'text', nullable: true })
  healthReason?: string | null;

  /** As Graph last reported them (connection test): null until a test read them. */
  @Property({ type: 'text', nullable: true })
  verifiedName?: string | null;

  @Property({ type: 'text', nullable: true })
  qualityRating?: string | null;

  @Property({ type: 'text', nullable: true })
  messagingLimitTier?: string | null;

  @Property({ type: 'text', nullable: true })
  nameStatus?: string | null;

  @Property({ type: 'text', nullable: true })
  throughputLevel?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  connectionCheckedAt?: Date | null;

  @Property({ type: 'jsonb', nullable: true })
  connectionChecks?: ConnectionCheck[] | null;

  /** Disabled by an admin: deliveries are stored and acknowledged but held, replies refused, until enabled. */
  @Property({ type: 'timestamptz', nullable: true })
  disabledAt?: Date | null;

  /** Archived by an admin: kept with its history and conversations, left out of lists, deliveries held, replies refused. */
  @Property({ type: 'timestamptz', nullable: true })
  archivedAt?: Date | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
