import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { uuidv7 } from '@switchboard/engine';

/** A user's account at an OpenID Connect provider: the (issuer, subject) pair, never the e-mail, identifies it. */
@Entity({ tableName: 'user_identities' })
@Unique({ properties: ['issuer', 'subject'] })
@Index({ properties: ['userId'] })
export class UserIdentity {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  userId!: string;

  /** The configured provider id, for display. */
  @Property({ type: 'text' })
  provider!: string;

  @Property({ type: 'text' })
  issuer!: string;

  @Property({ type: 'text' })
  subject!: string;

  @Property({ type: 'text', nullable: true })
  email?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  lastLoginAt?: Date | null;
}
