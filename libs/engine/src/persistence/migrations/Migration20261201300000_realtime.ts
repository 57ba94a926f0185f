import { Migration } from '@mikro-orm/migrations';

/**
 * The websocket gateway: the cursor every realtime event carries (one sequence for the cluster, so a client can
 * resync from the last one it saw), and the table Socket.IO's PostgreSQL adapter keeps payloads over NOTIFY's
 * 8000-byte limit in (its own format; the adapter deletes old rows).
 */
export class Migration20261201300000_realtime extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create sequence "realtime_cursor";`);
    this.addSql(
      `create table "socket_io_attachments" ("id" bigserial primary key, "created_at" timestamptz default now(), "payload" bytea);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "socket_io_attachments";`);
    this.addSql(`drop sequence "realtime_cursor";`);
  }
}
