import { Migration } from '@mikro-orm/migrations';

/**
 * Message templates per WABA as Meta lists them (templates Meta stops listing are kept, marked deleted), and each
 * WABA's latest template sync with Meta's error when it failed.
 */
export class Migration20261129900000_message_templates extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "message_templates" ("id" uuid not null, "waba_id" text not null, "meta_id" text not null, "name" text not null, "language" text not null, "category" text not null, "status" text not null, "quality_score" text null, "components" jsonb not null, "parameter_format" text not null, "synced_at" timestamptz not null, "deleted_at" timestamptz null, constraint "message_templates_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "message_templates" add constraint "message_templates_waba_id_name_language_unique" unique ("waba_id", "name", "language");`,
    );
    this.addSql(
      `create table "message_template_syncs" ("waba_id" text not null, "attempted_at" timestamptz not null, "synced_at" timestamptz null, "error" jsonb null, constraint "message_template_syncs_pkey" primary key ("waba_id"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "message_template_syncs" cascade;`);
    this.addSql(`drop table if exists "message_templates" cascade;`);
  }
}
