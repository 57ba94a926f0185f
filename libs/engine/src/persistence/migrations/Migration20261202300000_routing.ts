import { Migration } from '@mikro-orm/migrations';

/**
 * Routing: ordered rules per department (and optionally one number), from admins or synced from the department
 * plugin; the decisions made per conversation and triggering event (so a re-delivered event applies nothing twice);
 * and customers' custom attributes that rules can test.
 */
export class Migration20261202300000_routing extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "routing_rules" (
         "id" uuid not null primary key,
         "department_id" uuid not null,
         "number_id" uuid null,
         "position" int not null,
         "name" text not null,
         "enabled" boolean not null default true,
         "source" text not null check ("source" in ('admin', 'plugin')),
         "plugin_id" text null,
         "plugin_rule_key" text null,
         "trigger" text not null check ("trigger" in ('conversation_opened', 'every_message')),
         "conditions" jsonb not null default '{}',
         "actions" jsonb not null default '{}',
         "stop" boolean not null default false,
         "created_at" timestamptz not null default now(),
         "updated_at" timestamptz not null default now(),
         "updated_by" text null);`,
    );
    this.addSql(`create index "routing_rules_department" on "routing_rules" ("department_id", "position");`);
    this.addSql(
      `create unique index "routing_rules_plugin_key" on "routing_rules" ("department_id", "plugin_id", "plugin_rule_key") where "source" = 'plugin';`,
    );
    this.addSql(
      `create table "routing_decisions" (
         "conversation_id" uuid not null,
         "event_position" text not null,
         "trigger" text not null,
         "department_id" uuid not null,
         "rule_ids" uuid[] not null default '{}',
         "created_at" timestamptz not null default now(),
         primary key ("conversation_id", "event_position"));`,
    );
    // Kept as the column default: intake inserts contacts in set-based SQL that names no attributes.
    this.addSql(`alter table "contacts" add column "attributes" jsonb not null default '{}';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "contacts" drop column "attributes";`);
    this.addSql(`drop table if exists "routing_decisions";`);
    this.addSql(`drop table if exists "routing_rules";`);
  }
}
