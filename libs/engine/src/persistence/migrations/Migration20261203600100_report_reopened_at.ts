import { Migration } from '@mikro-orm/migrations';

/**
 * When a conversation's current resolution cycle began (its last reopen): a resolution is measured from it, not
 * across the closed stretch before. Null until a reopen (the cycle began at `opened_at`), so existing rows need no
 * rewrite and adding the column is instant on a large table.
 */
export class Migration20261203600100_report_reopened_at extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "report_conversations" add column "reopened_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "report_conversations" drop column "reopened_at";`);
  }
}
