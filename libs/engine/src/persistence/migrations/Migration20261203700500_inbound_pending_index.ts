import { Migration } from '@mikro-orm/migrations';

/**
 * The pending webhooks intake claims, oldest first: a partial index holds only those (a processed event leaves it),
 * so a claim reads the rows it takes instead of walking the (status, received_at) index past every processed and
 * dead entry of a backlog.
 */
export class Migration20261203700500_inbound_pending_index extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index "inbound_events_pending_received_at_index" on "inbound_events" ("received_at") where "status" = 'pending' and "last_error" is null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "inbound_events_pending_received_at_index";`);
  }
}
