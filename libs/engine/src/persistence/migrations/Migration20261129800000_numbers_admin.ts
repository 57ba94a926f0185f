import { Migration } from '@mikro-orm/migrations';

/**
 * Numbers administered at run time: what Graph last reported about each number (name, quality, tier, name status,
 * throughput) and the latest connection test's checks.
 */
export class Migration20261129800000_numbers_admin extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "whatsapp_numbers" add column "verified_name" text null, add column "quality_rating" text null, add column "messaging_limit_tier" text null, add column "name_status" text null, add column "throughput_level" text null, add column "connection_checked_at" timestamptz null, add column "connection_checks" jsonb null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "whatsapp_numbers" drop column "verified_name", drop column "quality_rating", drop column "messaging_limit_tier", drop column "name_status", drop column "throughput_level", drop column "connection_checked_at", drop column "connection_checks";`,
    );
  }
}
