import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One socket of an api process (see AgentConnections, which writes the table in SQL). The database's clock fills
 * connected_at and last_seen_at: liveness is compared with it, not with a process's clock.
 */
@Entity({ tableName: 'agent_connections' })
export class AgentConnection {
  @PrimaryKey({ type: 'text' })
  socketId!: string;

  @Index()
  @Property({ type: 'uuid' })
  userId!: string;

  @Index()
  @Property({ type: 'uuid' })
  processId!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  connectedAt!: Date;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  lastSeenAt!: Date;

  /** The socket's last client event (the caller's Clock): idle sockets make their agent away. */
  @Property({ type: 'timestamptz' })
  lastActivityAt!: Date;
}
