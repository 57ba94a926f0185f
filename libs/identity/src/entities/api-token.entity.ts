import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { uuidv7 } from '@switchboard/engine';

/** A credential for integrations: named, scoped to permissions and departments, stored only as a hash. */
@Entity({ tableName: 'api_tokens' })
export class ApiToken {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'text' })
  name!: string;

  /** The first characters of the token, shown in lists so people can tell tokens apart. */
  @Property({ type: 'text' })
  prefix!: string;

  /** sha256 of the whole token (it has 256 bits of entropy, so a slow hash adds nothing). */
  @Property({ type: 'text', unique: true, hidden: true })
  tokenHash!: string;

  @Property({ type: 'jsonb' })
  permissions: string[] = [];

  /** Department ids, or null for every department. */
  @Property({ type: 'jsonb', nullable: true })
  departmentIds?: string[] | null;

  @Property({ type: 'uuid', nullable: true })
  createdBy?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  expiresAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  lastUsedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date | null;
}
