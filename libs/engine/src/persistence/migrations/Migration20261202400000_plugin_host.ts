import { Migration } from '@mikro-orm/migrations';

/**
 * Plugin hooks run from domain events: one row per (event, plugin, hook) that ran, so a re-delivered event never
 * runs a hook twice, and a failed call waits here for its retry (with the hook's event) while the stream moves on.
 */
export class Migration20261202400000_plugin_host extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "plugin_hook_runs" ("position" text not null, "plugin_id" text not null, "hook" text not null,
        "number_id" uuid not null, "department_id" uuid not null, "subject_id" text null,
        "status" text not null, "attempts" int not null default 0, "retry_at" timestamptz null, "event" jsonb null,
        "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(),
        constraint "plugin_hook_runs_pkey" primary key ("position", "plugin_id", "hook"));`,
    );
    this.addSql(
      `create index "plugin_hook_runs_retry_index" on "plugin_hook_runs" ("retry_at") where "status" = 'retrying';`,
    );
    this.addSql(`create index "plugin_hook_runs_created_index" on "plugin_hook_runs" ("created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "plugin_hook_runs";`);
  }
}
