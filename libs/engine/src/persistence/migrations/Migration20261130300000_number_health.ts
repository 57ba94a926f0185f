import { Migration } from '@mikro-orm/migrations';

/**
 * Watching numbers: alerts per number (at most one open of a kind), each number's silence alarm with what the check
 * last saw, and departments' own business hours (null: the department plugin's, else the default).
 */
export class Migration20261130300000_number_health extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "number_alerts" ("id" uuid not null, "number_id" uuid not null, "department_id" uuid not null, "kind" text not null, "raised_at" timestamptz not null, "detail" jsonb not null, "acknowledged_at" timestamptz null, "acknowledged_by" uuid null, "resolved_at" timestamptz null, constraint "number_alerts_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "number_alerts_department_id_raised_at_index" on "number_alerts" ("department_id", "raised_at");`,
    );
    this.addSql(
      `create index "number_alerts_number_id_raised_at_index" on "number_alerts" ("number_id", "raised_at");`,
    );
    this.addSql(
      `create unique index "number_alerts_open_unique" on "number_alerts" ("number_id", "kind") where "resolved_at" is null;`,
    );
    this.addSql(
      `create table "number_watches" ("number_id" uuid not null, "silence_alarm_minutes" int null, "quiet_since" timestamptz not null, "inbound_marker" text null, "updated_at" timestamptz not null, constraint "number_watches_pkey" primary key ("number_id"));`,
    );
    this.addSql(`alter table "departments" add column "business_hours" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "departments" drop column "business_hours";`);
    this.addSql(`drop table if exists "number_watches" cascade;`);
    this.addSql(`drop table if exists "number_alerts" cascade;`);
  }
}
