import { Migration } from '@mikro-orm/migrations';

/**
 * A contact's conversations by age. Routing's facts ask, per conversation read (routing and the reply-window
 * subscriber, every batch), whether another conversation of the contact is older: without this index each asked
 * with a scan of every conversation.
 */
export class Migration20261203700600_conversations_contact_index extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index "conversations_contact_id_created_at_index" on "conversations" ("contact_id", "created_at");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "conversations_contact_id_created_at_index";`);
  }
}
