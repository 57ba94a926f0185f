import { Migration } from '@mikro-orm/migrations';

/**
 * The live clocks an edit moves (libs/sla/src/recompute): those under a policy, and a department's business-hours
 * ones, read a batch of conversations at a time in conversation order. Partial: finished clocks, the most of the
 * table over time, are not in them.
 */
export class Migration20261203701007_sla_clocks_live_indexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index "sla_clocks_live_policy" on "sla_clocks" ("policy_id", "conversation_id")
         where "state" in ('running', 'paused');`,
    );
    this.addSql(
      `create index "sla_clocks_live_business_department" on "sla_clocks" ("department_id", "conversation_id")
         where "state" in ('running', 'paused') and "business_hours";`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "sla_clocks_live_business_department";`);
    this.addSql(`drop index "sla_clocks_live_policy";`);
  }
}
