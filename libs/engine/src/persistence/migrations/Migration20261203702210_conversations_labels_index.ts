import { Migration } from '@mikro-orm/migrations';

/** The list's label filter (`labels @> array[…]`) through a GIN index, instead of a scan of every conversation. */
export class Migration20261203702210_conversations_labels_index extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "conversations_labels" on "conversations" using gin ("labels");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "conversations_labels";`);
  }
}
