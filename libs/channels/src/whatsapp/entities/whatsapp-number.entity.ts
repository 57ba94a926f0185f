import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { uuidv7 } from '@switchboard/engine';

export type NumberHealth = 'active' | 'token_invalid';

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

  @Property({ type: 'text', hidden: true })
  verifyTokenSealed!: string;

  @Property({ type: 'text', hidden: true, index: true })
  verifyTokenDigest!: string;

  @Property({ type: 'text' })
  health: NumberHealth = 'active';

  @Property({ type: 'text', nullable: true })
  healthReason?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
