import { Migration } from '@mikro-orm/migrations';

/** Plugins: an installation per WhatsApp number (enabled, settings), and the record of failed or hung hook calls. */
export class Migration20261122200000_plugins extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "plugin_hook_failures" ("id" uuid not null, "at" timestamptz not null, "plugin_id" text not null, "number_id" uuid not null, "hook" text not null, "kind" text not null, "message" text not null, "subject_id" text null, constraint "plugin_hook_failures_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "plugin_hook_failures_plugin_id_at_index" on "plugin_hook_failures" ("plugin_id", "at");`,
    );
    this.addSql(
      `create table "plugin_installations" ("id" uuid not null, "plugin_id" text not null, "number_id" uuid not null, "enabled" boolean not null default true, "settings" jsonb not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "plugin_installations_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "plugin_installations" add constraint "plugin_installations_number_id_plugin_id_unique" unique ("number_id", "plugin_id");`,
    );
  }
}
