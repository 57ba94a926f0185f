import { Migration } from '@mikro-orm/migrations';

/**
 * When the silence check last looked at a number's alarm (wall clock, the check's start): shown on the health view,
 * so whoever changed something can see a later check has run.
 */
export class Migration20261130600000_alert_scope extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "number_watches" add column "last_checked_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "number_watches" drop column "last_checked_at";`);
  }
}
