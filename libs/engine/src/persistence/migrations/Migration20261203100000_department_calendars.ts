import { Migration } from '@mikro-orm/migrations';

/** Departments' own business calendars (pipelines): one row per department that set one. */
export class Migration20261203100000_department_calendars extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "department_calendars" ("department_id" uuid not null, "calendar" jsonb not null, "updated_at" timestamptz not null, constraint "department_calendars_pkey" primary key ("department_id"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "department_calendars";`);
  }
}
