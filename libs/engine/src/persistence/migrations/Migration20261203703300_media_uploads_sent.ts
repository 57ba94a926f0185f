import { Migration } from '@mikro-orm/migrations';

/**
 * An agent's upload remembers when a reply first sent it (libs/channels): unsent ones older than
 * media.unsentRetentionHours are pruned with their stored bytes, sent ones never (the message shows those bytes).
 * Uploads already sent are found by their message's stored copy (same conversation, same storage key).
 */
export class Migration20261203703300_media_uploads_sent extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "media_uploads" add column "sent_at" timestamptz null;`);
    this.addSql(`update "media_uploads" u set "sent_at" = u."created_at"
      where exists (select 1 from "messages" m
                     where m."conversation_id" = u."conversation_id" and m."media"->>'storageKey' = u."storage_key");`);
    this.addSql(
      `create index "media_uploads_unsent_index" on "media_uploads" ("created_at") where "sent_at" is null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "media_uploads_unsent_index";`);
    this.addSql(`alter table "media_uploads" drop column "sent_at";`);
  }
}
