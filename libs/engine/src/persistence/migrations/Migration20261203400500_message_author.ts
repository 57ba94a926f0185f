import { Migration } from '@mikro-orm/migrations';

/**
 * Who wrote an outbound message: the agent (author_user_id) or the product (automated). SLA response clocks are met
 * only by a person's reply. Earlier messages have no recorded author: null and not automated.
 */
export class Migration20261203400500_message_author extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "messages" add column "author_user_id" uuid null;`);
    this.addSql(`alter table "messages" add column "automated" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "messages" drop column "automated";`);
    this.addSql(`alter table "messages" drop column "author_user_id";`);
  }
}
