import { Migration } from '@mikro-orm/migrations';

/**
 * The spine: departments, pipelines, cards, numbers, contacts, conversations, messages, intake, outbox.
 * Generated from the entities (see test/e2e/boot-and-schema.spec.ts, which keeps the two in step).
 */
export class Migration20261122000000_spine extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "cards" ("id" uuid not null, "conversation_id" uuid not null, "department_id" uuid not null, "pipeline_id" uuid not null, "stage_id" uuid not null, "title" text not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "cards_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "cards" add constraint "cards_conversation_id_unique" unique ("conversation_id");`,
    );
    this.addSql(`create index "cards_pipeline_id_stage_id_index" on "cards" ("pipeline_id", "stage_id");`);
    this.addSql(
      `create table "contacts" ("id" uuid not null, "wa_id" text null, "bsuid" text null, "profile_name" text null, "username" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "contacts_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create unique index "contacts_bsuid_unique" on "contacts" ("bsuid") where "bsuid" is not null;`,
    );
    this.addSql(
      `create unique index "contacts_wa_id_unique" on "contacts" ("wa_id") where "wa_id" is not null;`,
    );
    this.addSql(
      `create table "conversations" ("id" uuid not null, "number_id" uuid not null, "department_id" uuid not null, "contact_id" uuid not null, "status" text not null default 'open', "last_speaker" text null, "waiting_since" timestamptz null, "last_inbound_at" timestamptz null, "last_outbound_at" timestamptz null, "last_message_at" timestamptz null, "window_expires_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "conversations_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create unique index "conversations_one_open" on "conversations" ("number_id", "contact_id") where "status" = 'open';`,
    );
    this.addSql(
      `create index "conversations_department_id_last_message_at_index" on "conversations" ("department_id", "last_message_at");`,
    );
    this.addSql(
      `create table "departments" ("id" uuid not null, "key" text not null, "name" text not null, "created_at" timestamptz not null, constraint "departments_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "departments" add constraint "departments_key_unique" unique ("key");`);
    this.addSql(
      `create table "inbound_events" ("id" uuid not null, "received_at" timestamptz not null, "raw_body" text not null, "secret_fingerprint" text not null, "status" text not null default 'pending', "attempts" int not null default 0, "claimed_at" timestamptz null, "processed_at" timestamptz null, "item_count" int null, "failures" jsonb null, "last_error" text null, constraint "inbound_events_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "inbound_events_status_received_at_index" on "inbound_events" ("status", "received_at");`,
    );
    this.addSql(
      `create table "messages" ("id" uuid not null, "wamid" text null, "conversation_id" uuid not null, "direction" text not null, "type" text not null, "body" text null, "content" jsonb not null, "media" jsonb null, "reply_to_wamid" text null, "status" text not null, "status_rank" smallint not null default 0, "error" jsonb null, "sent_at" timestamptz null, "delivered_at" timestamptz null, "read_at" timestamptz null, "edited_at" timestamptz null, "revoked_at" timestamptz null, "inbound_event_id" uuid null, "client_key" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "messages_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "messages" add constraint "messages_wamid_unique" unique ("wamid");`);
    this.addSql(`alter table "messages" add constraint "messages_client_key_unique" unique ("client_key");`);
    this.addSql(
      `create index "messages_conversation_id_created_at_index" on "messages" ("conversation_id", "created_at");`,
    );
    this.addSql(
      `create table "message_status_events" ("id" uuid not null, "wamid" text not null, "status" text not null, "occurred_at" timestamptz not null, "payload" jsonb not null, "applied_at" timestamptz null, "created_at" timestamptz not null, constraint "message_status_events_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "message_status_events" add constraint "message_status_events_wamid_status_unique" unique ("wamid", "status");`,
    );
    this.addSql(
      `create table "outbox" ("id" uuid not null, "queue" text not null, "data" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null, "done_at" timestamptz null, constraint "outbox_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "outbox_done_at_created_at_index" on "outbox" ("done_at", "created_at");`);
    this.addSql(
      `create table "pipelines" ("id" uuid not null, "department_id" uuid not null, "name" text not null, "is_default" boolean not null default false, "created_at" timestamptz not null, constraint "pipelines_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create unique index "pipelines_one_default" on "pipelines" ("department_id") where "is_default";`,
    );
    this.addSql(
      `create table "pipeline_stages" ("id" uuid not null, "pipeline_id" uuid not null, "key" text not null, "name" text not null, "position" int not null, "category" text not null default 'open', constraint "pipeline_stages_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "pipeline_stages" add constraint "pipeline_stages_pipeline_id_key_unique" unique ("pipeline_id", "key");`,
    );
    this.addSql(
      `create table "whatsapp_numbers" ("id" uuid not null, "phone_number_id" text not null, "display_phone_number" text not null, "waba_id" text not null, "department_id" uuid not null, "graph_base_url" text not null, "graph_version" text not null, "access_token_sealed" text not null, "app_secret_sealed" text not null, "app_secret_fingerprint" text not null, "verify_token_sealed" text not null, "verify_token_digest" text not null, "health" text not null default 'active', "health_reason" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "whatsapp_numbers_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "whatsapp_numbers" add constraint "whatsapp_numbers_phone_number_id_unique" unique ("phone_number_id");`,
    );
    this.addSql(
      `create index "whatsapp_numbers_verify_token_digest_index" on "whatsapp_numbers" ("verify_token_digest");`,
    );
    this.addSql(
      `alter table "pipelines" add constraint "pipelines_department_id_foreign" foreign key ("department_id") references "departments" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "pipeline_stages" add constraint "pipeline_stages_pipeline_id_foreign" foreign key ("pipeline_id") references "pipelines" ("id") on update cascade;`,
    );
  }
}
