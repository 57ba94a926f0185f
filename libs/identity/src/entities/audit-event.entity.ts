import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { uuidv7 } from '@switchboard/engine';

export type AuditActorType = 'user' | 'api_token' | 'system' | 'anonymous';

/** Append-only record of a security-relevant or administrative action (a trigger refuses updates and deletes). */
@Entity({ tableName: 'audit_events' })
@Index({ properties: ['at'] })
@Index({ properties: ['action', 'at'] })
@Index({ properties: ['actorId', 'at'] })
export class AuditEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'timestamptz' })
  at: Date = new Date();

  @Property({ type: 'text' })
  actorType!: AuditActorType;

  @Property({ type: 'uuid', nullable: true })
  actorId?: string | null;

  /** The e-mail as typed for anonymous events (failed logins), the user's e-mail otherwise. */
  @Property({ type: 'text', nullable: true })
  actorLabel?: string | null;

  /** Dotted verb, e.g. `auth.login.succeeded`, `user.memberships.changed`. */
  @Property({ type: 'text' })
  action!: string;

  @Property({ type: 'text', nullable: true })
  targetType?: string | null;

  @Property({ type: 'text', nullable: true })
  targetId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  departmentId?: string | null;

  @Property({ type: 'text', nullable: true })
  ip?: string | null;

  @Property({ type: 'jsonb' })
  details: Record<string, unknown> = {};
}
