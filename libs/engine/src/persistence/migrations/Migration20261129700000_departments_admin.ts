import { Migration } from '@mikro-orm/migrations';

/**
 * Departments administered at run time: an admin's members-only flag pins the visibility (department plugins then
 * leave it alone), and departments can be archived.
 */
export class Migration20261129700000_departments_admin extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "departments" add column "visibility_pinned" boolean not null default false, add column "archived_at" timestamptz null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "departments" drop column "visibility_pinned", drop column "archived_at";`);
  }
}
