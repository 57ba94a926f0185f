import { Migration } from '@mikro-orm/migrations';

/**
 * Account events keyed by their content too: Meta retries a delivery with the same body, which intake stores as a
 * new delivery; the content key makes the retry record and apply nothing again.
 */
export class Migration20261130500000_account_event_keys extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "whatsapp_account_events" add column "content_key" text null;`);
    this.addSql(
      `alter table "whatsapp_account_events" add constraint "whatsapp_account_events_content_key_unique" unique ("content_key");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "whatsapp_account_events" drop constraint "whatsapp_account_events_content_key_unique";`,
    );
    this.addSql(`alter table "whatsapp_account_events" drop column "content_key";`);
  }
}
