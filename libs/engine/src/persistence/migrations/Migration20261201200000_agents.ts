import { Migration } from '@mikro-orm/migrations';

/**
 * Agents: each user's availability (online, away, offline) with the history of who changed it, when and why, and
 * per department where they hold a role their capacity, skills, languages and weekly schedule.
 */
export class Migration20261201200000_agents extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "agent_presence" ("user_id" uuid not null, "status" text not null, "changed_at" timestamptz not null, constraint "agent_presence_pkey" primary key ("user_id"));`,
    );
    this.addSql(
      `create table "agent_availability_changes" ("id" uuid not null, "user_id" uuid not null, "status" text not null, "previous" text null, "source" text not null, "changed_by" uuid null, "reason" text null, "at" timestamptz not null, constraint "agent_availability_changes_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "agent_availability_changes_user_id_at_index" on "agent_availability_changes" ("user_id", "at");`,
    );
    this.addSql(
      `create table "agent_department_settings" ("id" uuid not null, "user_id" uuid not null, "department_id" uuid not null, "capacity" int null, "skills" text[] not null, "languages" text[] not null, "schedule" jsonb null, "updated_at" timestamptz not null, constraint "agent_department_settings_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "agent_department_settings" add constraint "agent_department_settings_department_id_user_id_unique" unique ("department_id", "user_id");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "agent_department_settings";`);
    this.addSql(`drop table if exists "agent_availability_changes";`);
    this.addSql(`drop table if exists "agent_presence";`);
  }
}
