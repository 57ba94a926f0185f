import { Migration } from '@mikro-orm/migrations';

/**
 * The websocket gateway's connections across api processes: each process keeps its sockets' rows fresh
 * (last_seen_at, a heartbeat); rows of a process that stopped beating expire. last_activity_at is the socket's
 * last client event (idle → away).
 */
export class Migration20261202500000_gateway extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "agent_connections" ("socket_id" text primary key, "user_id" uuid not null, "process_id" uuid not null, "connected_at" timestamptz not null default now(), "last_seen_at" timestamptz not null default now(), "last_activity_at" timestamptz not null);`,
    );
    this.addSql(`create index "agent_connections_user_id_index" on "agent_connections" ("user_id");`);
    this.addSql(`create index "agent_connections_process_id_index" on "agent_connections" ("process_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "agent_connections";`);
  }
}
