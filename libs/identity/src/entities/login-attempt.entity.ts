import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { uuidv7 } from '@switchboard/engine';

/**
 * Failed and successful sign-ins, kept in PostgreSQL so lockout and rate limits hold across api replicas. Keyed by
 * the e-mail as typed (lowercased), whether or not such a user exists, so a locked answer reveals nothing.
 */
@Entity({ tableName: 'login_attempts' })
@Index({ properties: ['email', 'at'] })
@Index({ properties: ['ip', 'at'] })
export class LoginAttempt {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'text' })
  email!: string;

  @Property({ type: 'text' })
  ip!: string;

  @Property({ type: 'boolean' })
  success!: boolean;

  @Property({ type: 'timestamptz' })
  at: Date = new Date();
}
