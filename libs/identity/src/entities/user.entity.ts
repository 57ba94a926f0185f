import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { uuidv7 } from '@switchboard/engine';

export type UserStatus = 'active' | 'disabled';

/** A person who signs in: an agent, supervisor, viewer or admin. Department roles live in memberships. */
@Entity({ tableName: 'users' })
export class User {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  /** Stored lowercased and trimmed; unique. */
  @Property({ type: 'text', unique: true })
  email!: string;

  @Property({ type: 'text' })
  name!: string;

  /** argon2id PHC string; null for accounts that only sign in through SSO or have not set a password yet. */
  @Property({ type: 'text', nullable: true, hidden: true })
  passwordHash?: string | null;

  /** Admins see and manage every department. */
  @Property({ type: 'boolean' })
  isAdmin: boolean = false;

  @Property({ type: 'text' })
  status: UserStatus = 'active';

  @Property({ type: 'timestamptz', nullable: true })
  lastLoginAt?: Date | null;

  /** TOTP secret, sealed (AES-GCM); set once the user confirmed a first code. */
  @Property({ type: 'text', nullable: true, hidden: true })
  mfaSecret?: string | null;

  /** A secret being set up, sealed, until the user proves their app produces codes for it. */
  @Property({ type: 'text', nullable: true, hidden: true })
  mfaPendingSecret?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  mfaEnabledAt?: Date | null;

  /** The last TOTP time step accepted: a code is never accepted twice. */
  @Property({ type: 'bigint', nullable: true, hidden: true })
  mfaLastStep?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
