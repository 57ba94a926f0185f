import { Migration } from '@mikro-orm/migrations';

/**
 * A department's open conversations in id order: the recompute after a policy is created, deleted, reordered or
 * matches anew (libs/sla/src/recompute) reads them a batch at a time. Partial: closed ones, most rows over time,
 * are not in it.
 */
export class Migration20261203701200_sla_conversations_open_index extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index "sla_conversations_open_department" on "sla_conversations" ("department_id", "conversation_id")
         where "status" = 'open';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "sla_conversations_open_department";`);
  }
}
