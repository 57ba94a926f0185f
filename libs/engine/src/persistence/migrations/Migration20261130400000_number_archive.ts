import { Migration } from '@mikro-orm/migrations';

/**
 * Archiving a number: an archived number keeps its history and conversations, is left out of the number list by
 * default, refuses replies, and its deliveries are stored, acknowledged and held.
 */
export class Migration20261130400000_number_archive extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "whatsapp_numbers" add column "archived_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "whatsapp_numbers" drop column "archived_at";`);
  }
}
