import { Migration } from '@mikro-orm/migrations';

/**
 * Reporting's volume guard gets the hour its message was counted in, so it can be pruned: a guard row only has to
 * outlive the copies of its message's event that could still arrive (reporting.volumeGuardRetentionHours). Rows
 * written before this get the migration's time (a fast default, no table rewrite): they are kept one retention from
 * now, then pruned like the rest. The index serves the prune's range delete.
 */
export class Migration20261203702000_report_volume_messages_hour extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "report_volume_messages" add column "hour" timestamptz not null default now();`);
    this.addSql(`alter table "report_volume_messages" alter column "hour" drop default;`);
    this.addSql(`create index "report_volume_messages_hour_index" on "report_volume_messages" ("hour");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "report_volume_messages_hour_index";`);
    this.addSql(`alter table "report_volume_messages" drop column "hour";`);
  }
}
