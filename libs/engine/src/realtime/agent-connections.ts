import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sql } from '../persistence/sql';

/**
 * The sockets of every api process (table agent_connections): who is connected where, kept alive by each
 * process's heartbeat. Liveness uses the database's clock (processes are real); activity uses the caller's
 * Clock (idle is a business rule tests move in time).
 */
@Injectable()
export class AgentConnections {
  constructor(private readonly em: EntityManager) {}

  async add(socketId: string, userId: string, processId: string, activityAt: Date): Promise<void> {
    await sql(
      this.em.fork(),
      `insert into agent_connections (socket_id, user_id, process_id, last_activity_at) values (?, ?, ?, ?)
       on conflict (socket_id) do nothing`,
      [socketId, userId, processId, activityAt],
    );
  }

  async remove(socketId: string): Promise<void> {
    await sql(this.em.fork(), 'delete from agent_connections where socket_id = ?', [socketId]);
  }

  async touch(socketId: string, activityAt: Date): Promise<void> {
    await sql(this.em.fork(), 'update agent_connections set last_activity_at = ? where socket_id = ?', [
      activityAt,
      socketId,
    ]);
  }

  /** Marks this process's sockets alive. */
  async heartbeat(processId: string): Promise<void> {
    await sql(this.em.fork(), 'update agent_connections set last_seen_at = now() where process_id = ?', [
      processId,
    ]);
  }

  /** Deletes the rows of dead processes; returns their users (each row goes to exactly one caller). */
  async expire(ttlSeconds: number): Promise<string[]> {
    const rows = await sql<{ user_id: string }>(
      this.em.fork(),
      `delete from agent_connections where last_seen_at < now() - make_interval(secs => ?::float) returning user_id`,
      [ttlSeconds],
    );
    return [...new Set(rows.map((r) => r.user_id))];
  }

  /** Whether the user still has a live socket in any process. */
  async connected(userId: string, ttlSeconds: number): Promise<boolean> {
    const rows = await sql(
      this.em.fork(),
      `select 1 from agent_connections where user_id = ? and last_seen_at >= now() - make_interval(secs => ?::float)
        limit 1`,
      [userId, ttlSeconds],
    );
    return rows.length > 0;
  }

  /** Of `userIds`, those whose live sockets (all of them, in every process) saw no activity since `since`. */
  async idleSince(userIds: string[], since: Date, ttlSeconds: number): Promise<string[]> {
    if (!userIds.length) return [];
    const rows = await sql<{ user_id: string }>(
      this.em.fork(),
      `select user_id from agent_connections
        where user_id = any(?::uuid[]) and last_seen_at >= now() - make_interval(secs => ?::float)
        group by user_id having max(last_activity_at) < ?`,
      [userIds, ttlSeconds, since],
    );
    return rows.map((r) => r.user_id);
  }
}
