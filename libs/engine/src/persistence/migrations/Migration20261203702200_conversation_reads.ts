import { Migration } from '@mikro-orm/migrations';

/**
 * Read marks (libs/conversations reads/): per reader and conversation, the last customer message read, so lists
 * show each agent their own unread count.
 */
export class Migration20261203702200_conversation_reads extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "conversation_reads" ("reader_id" uuid not null, "conversation_id" uuid not null,
         "message_id" uuid not null, "message_created_at" timestamptz not null, "updated_at" timestamptz not null,
         constraint "conversation_reads_pkey" primary key ("reader_id", "conversation_id"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "conversation_reads";`);
  }
}
