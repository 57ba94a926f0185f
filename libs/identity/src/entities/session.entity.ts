import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { uuidv7 } from '@switchboard/engine';

/**
 * One refresh token of a login. Rotation replaces it by a new row of the same family; presenting an already
 * rotated token again means it was stolen, and the whole family is revoked.
 */
@Entity({ tableName: 'sessions' })
@Index({ properties: ['userId'] })
@Index({ properties: ['familyId'] })
export class Session {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  userId!: string;

  /** Every rotation of one login shares the family id of its first session. */
  @Property({ type: 'uuid' })
  familyId!: string;

  /** sha256 of the refresh token; the token itself is never stored. */
  @Property({ type: 'text', unique: true, hidden: true })
  tokenHash!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  /** Set when this token was exchanged for the next one. */
  @Property({ type: 'timestamptz', nullable: true })
  rotatedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  revokedReason?: string | null;

  @Property({ type: 'text', nullable: true })
  ip?: string | null;

  @Property({ type: 'text', nullable: true })
  userAgent?: string | null;
}
