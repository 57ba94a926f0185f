import { Migration } from '@mikro-orm/migrations';

/**
 * Account and template webhook fields: each applied change recorded once per delivery and path (with Meta's time
 * and ours), fields no module handles kept visible on their delivery, template status details, and the marketing
 * consent ledger per WABA and customer (current state plus an append-only history).
 */
export class Migration20261130100000_account_events extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "inbound_events" add column "unhandled" jsonb null;`);
    this.addSql(
      `create table "whatsapp_account_events" ("id" uuid not null, "inbound_event_id" uuid not null, "path" text not null, "field" text not null, "waba_id" text null, "number_ids" uuid[] not null, "template_id" uuid null, "outcome" text not null, "occurred_at" timestamptz null, "received_at" timestamptz not null, "detail" jsonb not null, constraint "whatsapp_account_events_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "whatsapp_account_events" add constraint "whatsapp_account_events_inbound_event_id_path_unique" unique ("inbound_event_id", "path");`,
    );
    this.addSql(
      `create index "whatsapp_account_events_number_ids_index" on "whatsapp_account_events" using gin ("number_ids");`,
    );
    this.addSql(
      `create index "whatsapp_account_events_waba_id_received_at_index" on "whatsapp_account_events" ("waba_id", "received_at");`,
    );
    this.addSql(`alter table "message_templates" add column "status_detail" jsonb null;`);
    this.addSql(`alter table "message_templates" add column "status_changed_at" timestamptz null;`);
    this.addSql(
      `create table "marketing_consents" ("waba_id" text not null, "wa_id" text not null, "state" text not null, "since" timestamptz not null, "source" text not null, "updated_at" timestamptz not null, constraint "marketing_consents_pkey" primary key ("waba_id", "wa_id"));`,
    );
    this.addSql(
      `create table "marketing_consent_changes" ("id" uuid not null, "waba_id" text not null, "wa_id" text not null, "state" text not null, "at" timestamptz not null, "recorded_at" timestamptz not null, "source" text not null, "applied" boolean not null, "inbound_event_id" uuid null, "path" text null, "actor_id" uuid null, "note" text null, constraint "marketing_consent_changes_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create unique index "marketing_consent_changes_event_path_unique" on "marketing_consent_changes" ("inbound_event_id", "path") where "inbound_event_id" is not null;`,
    );
    this.addSql(
      `create index "marketing_consent_changes_waba_wa_id_index" on "marketing_consent_changes" ("waba_id", "wa_id", "recorded_at");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "marketing_consent_changes" cascade;`);
    this.addSql(`drop table if exists "marketing_consents" cascade;`);
    this.addSql(`alter table "message_templates" drop column if exists "status_changed_at";`);
    this.addSql(`alter table "message_templates" drop column if exists "status_detail";`);
    this.addSql(`drop table if exists "whatsapp_account_events" cascade;`);
    this.addSql(`alter table "inbound_events" drop column if exists "unhandled";`);
  }
}
