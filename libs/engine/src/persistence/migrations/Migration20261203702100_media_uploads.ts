import { Migration } from '@mikro-orm/migrations';

/**
 * Files agents uploaded to Meta for a conversation (libs/channels): Meta's media id with our stored copy, so a reply
 * sending that id shows the attachment in the history as inbound media is shown. A Meta id is unique per number.
 */
export class Migration20261203702100_media_uploads extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "media_uploads" (
      "id" uuid not null primary key,
      "conversation_id" uuid not null,
      "number_id" uuid not null,
      "meta_media_id" text not null,
      "kind" text not null,
      "mime_type" text not null,
      "file_name" text null,
      "size" integer not null,
      "sha256" text not null,
      "storage_key" text not null,
      "uploaded_by" uuid null,
      "created_at" timestamptz not null default now(),
      constraint "media_uploads_meta_id_unique" unique ("number_id", "meta_media_id"));`);
    this.addSql(`create index "media_uploads_conversation_index" on "media_uploads" ("conversation_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "media_uploads";`);
  }
}
