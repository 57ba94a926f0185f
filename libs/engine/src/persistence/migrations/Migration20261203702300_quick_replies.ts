import { Migration } from '@mikro-orm/migrations';

/**
 * Quick replies (libs/conversations): a department's canned answers, shared by its agents instead of kept per browser.
 * A shortcut is unique within its department (stored lowercased), so "/price" always picks the same text.
 */
export class Migration20261203702300_quick_replies extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "quick_replies" (
      "id" uuid not null primary key,
      "department_id" uuid not null references "departments" ("id") on delete cascade,
      "shortcut" text not null,
      "title" text not null,
      "text" text not null,
      "created_by" uuid null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      constraint "quick_replies_shortcut_unique" unique ("department_id", "shortcut"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "quick_replies";`);
  }
}
