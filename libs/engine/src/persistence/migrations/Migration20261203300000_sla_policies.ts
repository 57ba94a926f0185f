import { Migration } from '@mikro-orm/migrations';

/**
 * SLA policies: per department, from its admins or synced from its department plugin, in the order they are tried
 * (the first enabled one whose match accepts a conversation applies). Targets, match and escalations are jsonb in
 * the shape of the contracts' sla.contract.ts.
 */
export class Migration20261203300000_sla_policies extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "sla_policies" (
         "id" uuid not null primary key,
         "department_id" uuid not null,
         "key" text not null,
         "name" text not null,
         "source" text not null check ("source" in ('admin', 'plugin')),
         "plugin_id" text null,
         "enabled" boolean not null default true,
         "position" int not null,
         "match" jsonb not null default '{}',
         "targets" jsonb not null default '{}',
         "business_hours" boolean not null default false,
         "escalations" jsonb not null default '[]',
         "created_at" timestamptz not null default now(),
         "updated_at" timestamptz not null default now(),
         "updated_by" text null);`,
    );
    this.addSql(`create unique index "sla_policies_key" on "sla_policies" ("department_id", "key");`);
    this.addSql(`create index "sla_policies_department" on "sla_policies" ("department_id", "position");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "sla_policies";`);
  }
}
