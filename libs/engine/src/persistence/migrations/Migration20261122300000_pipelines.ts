import { Migration } from '@mikro-orm/migrations';

/**
 * Pipelines from department plugins: pipeline keys, stage rules (colour, WIP limit, required fields, entry
 * automations), typed custom fields, card field values and timeline, members-only departments; plugin
 * credentials, key-value store and jobs. Existing rows get values first, then the temporary defaults go.
 */
export class Migration20261122300000_pipelines extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "card_events" ("id" uuid not null, "card_id" uuid not null, "at" timestamptz not null, "kind" text not null, "actor_type" text not null, "actor_id" text null, "actor_label" text not null, "from_stage_id" uuid null, "to_stage_id" uuid null, "data" jsonb not null, constraint "card_events_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "card_events_card_id_at_index" on "card_events" ("card_id", "at");`);
    this.addSql(
      `create table "pipeline_fields" ("id" uuid not null, "pipeline_id" uuid not null, "key" text not null, "label" text not null, "type" text not null, "config" jsonb not null, "position" int not null, "archived_at" timestamptz null, constraint "pipeline_fields_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "pipeline_fields" add constraint "pipeline_fields_pipeline_id_key_unique" unique ("pipeline_id", "key");`,
    );
    this.addSql(
      `alter table "pipeline_fields" add constraint "pipeline_fields_pipeline_id_foreign" foreign key ("pipeline_id") references "pipelines" ("id") on update cascade;`,
    );
    this.addSql(
      `create table "plugin_jobs" ("id" uuid not null, "plugin_id" text not null, "number_id" uuid not null, "name" text not null, "data" jsonb not null, "run_at" timestamptz not null, "done_at" timestamptz null, "created_at" timestamptz not null, constraint "plugin_jobs_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create table "plugin_store" ("plugin_id" text not null, "number_id" uuid not null, "key" text not null, "value" jsonb not null, "expires_at" timestamptz null, "updated_at" timestamptz not null, constraint "plugin_store_pkey" primary key ("plugin_id", "number_id", "key"));`,
    );

    this.addSql(
      `alter table "cards" add column "fields" jsonb not null default '{}', add column "stage_entered_at" timestamptz null, add column "opened_by_event_id" uuid null;`,
    );
    this.addSql(`update "cards" set "stage_entered_at" = "updated_at";`);
    this.addSql(
      `alter table "cards" alter column "fields" drop default, alter column "stage_entered_at" set not null;`,
    );
    this.addSql(`create index "cards_department_id_index" on "cards" ("department_id");`);
    this.addSql(`create index "cards_opened_by_event_id_index" on "cards" ("opened_by_event_id");`);

    // Plugin hook jobs read the messages of the deliveries they run for.
    this.addSql(`create index "messages_inbound_event_id_index" on "messages" ("inbound_event_id");`);

    this.addSql(`alter table "departments" add column "visibility" text not null default 'department';`);

    this.addSql(`alter table "pipelines" add column "key" text null, add column "plugin_id" text null;`);
    this.addSql(
      `update "pipelines" set "key" = case when "is_default" then 'conversations' else 'p_' || left(replace("id"::text, '-', ''), 12) end;`,
    );
    this.addSql(`alter table "pipelines" alter column "key" set not null;`);
    this.addSql(
      `alter table "pipelines" add constraint "pipelines_department_id_key_unique" unique ("department_id", "key");`,
    );

    this.addSql(
      `alter table "pipeline_stages" add column "color" text null, add column "wip_limit" int null, add column "required_fields" jsonb not null default '[]', add column "on_enter" jsonb not null default '[]', add column "archived_at" timestamptz null;`,
    );
    this.addSql(
      `alter table "pipeline_stages" alter column "required_fields" drop default, alter column "on_enter" drop default;`,
    );

    this.addSql(
      `alter table "plugin_installations" add column "credentials_sealed" jsonb not null default '{}';`,
    );
    this.addSql(`alter table "plugin_installations" alter column "credentials_sealed" drop default;`);
  }
}
