import { Migration } from '@mikro-orm/migrations';

/**
 * Durable timers: one row per pending deadline, keyed by its unique key (scheduling the key again moves it). The
 * runner claims due rows through the due_at index only (`due_at <= now order by due_at limit n for update skip
 * locked`), so its work grows with what falls due, not with how many timers wait.
 */
export class Migration20261203200000_timers extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "timers" (
      "key" text primary key,
      "kind" text not null,
      "due_at" timestamptz not null,
      "payload" jsonb not null default '{}',
      "attempts" int not null default 0,
      "last_error" text null,
      "created_at" timestamptz not null default now());`);
    this.addSql(`create index "timers_due_at" on "timers" ("due_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "timers";`);
  }
}
