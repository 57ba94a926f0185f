import { Migration } from '@mikro-orm/migrations';

/**
 * Numbers administered at run time: what Graph last reported about each number (name, quality, tier, name status,
 * throughput) and the latest connection test's checks; the previous app secret, still accepted until its overlap
 * ends after a rotation (and deliveries it signed say so); each number's history (`number_events`); and disabling a number (its deliveries are held until it is enabled).
 */
export class Migration20261129800000_numbers_admin extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "whatsapp_numbers" add column "verified_name" text null, add column "quality_rating" text null, add column "messaging_limit_tier" text null, add column "name_status" text null, add column "throughput_level" text null, add column "connection_checked_at" timestamptz null, add column "connection_checks" jsonb null, add column "previous_app_secret_sealed" text null, add column "previous_app_secret_fingerprint" text null, add column "previous_app_secret_until" timestamptz null, add column "disabled_at" timestamptz null;`,
    );
    this.addSql(
      `alter table "inbound_events" add column "signed_with_previous_secret" boolean not null default false;`,
    );
    this.addSql(
      `create table "number_events" ("id" uuid not null, "number_id" uuid not null, "kind" text not null, "at" timestamptz not null, "detail" jsonb not null, constraint "number_events_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "number_events_number_id_at_index" on "number_events" ("number_id", "at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "number_events" cascade;`);
    this.addSql(`alter table "inbound_events" drop column "signed_with_previous_secret";`);
    this.addSql(
      `alter table "whatsapp_numbers" drop column "verified_name", drop column "quality_rating", drop column "messaging_limit_tier", drop column "name_status", drop column "throughput_level", drop column "connection_checked_at", drop column "connection_checks", drop column "previous_app_secret_sealed", drop column "previous_app_secret_fingerprint", drop column "previous_app_secret_until", drop column "disabled_at";`,
    );
  }
}
