import { Migration } from '@mikro-orm/migrations';

/**
 * Reporting's volume guard (libs/reporting): the messages already counted in `report_volume_hourly`, so a message
 * whose event is delivered again (a copy published under a new position by a retrying publisher) is not counted
 * twice. The subscriber inserts a message's row and adds to the hourly count in one statement, counting only rows
 * newly inserted, like `report_responses` guards the duration rollup.
 *
 * Not filled from the past: reporting does not read messages, and a copy of an event published before this
 * migration would have to arrive after it to be counted twice.
 */
export class Migration20261203701106_report_volume_messages extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "report_volume_messages" ("message_id" uuid not null primary key);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "report_volume_messages";`);
  }
}
