import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { uuidv7 } from '@switchboard/engine';

/**
 * Proof that the password step of a sign-in passed, waiting for its second factor. Single use: the first code
 * presented with it (right or wrong) spends it, so a stolen or replayed challenge cannot be tried again.
 */
@Entity({ tableName: 'mfa_challenges' })
@Index({ properties: ['userId'] })
export class MfaChallenge {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  userId!: string;

  /** sha256 of the challenge token; the token itself is never stored. */
  @Property({ type: 'text', unique: true, hidden: true })
  tokenHash!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  usedAt?: Date | null;
}
