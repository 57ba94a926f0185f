import { Migration } from '@mikro-orm/migrations';

/**
 * Domain events (the engine's transactional event stream) and one delivery cursor per subscriber. `xid` is the
 * publishing transaction's id: readers take only rows of transactions older than every one still running, ordered
 * by (xid, seq), so an event committed late by a slow transaction is never skipped (see DomainEventReader).
 */
export class Migration20261201100000_domain_events extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "domain_events" (
      "seq" bigint generated always as identity,
      "xid" bigint not null,
      "name" text not null,
      "payload" jsonb not null,
      "occurred_at" timestamptz not null default clock_timestamp(),
      primary key ("xid", "seq"));`);
    this.addSql(`create index "domain_events_occurred_at" on "domain_events" ("occurred_at");`);
    this.addSql(`create table "domain_event_cursors" (
      "subscriber" text primary key,
      "xid" bigint not null,
      "seq" bigint not null,
      "attempts" int not null default 0,
      "retry_at" timestamptz null,
      "last_error" text null,
      "updated_at" timestamptz not null default now());`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "domain_event_cursors";`);
    this.addSql(`drop table "domain_events";`);
  }
}
