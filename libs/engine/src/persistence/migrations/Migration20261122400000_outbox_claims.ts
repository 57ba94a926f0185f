import { Migration } from '@mikro-orm/migrations';

/**
 * Outbox claims: a consumer that runs side effects (plugin hooks) claims an entry for a while before running it, so
 * the fast-path job and a relay copy of it never run it at the same time.
 */
export class Migration20261122400000_outbox_claims extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "outbox" add column "claimed_until" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "outbox" drop column "claimed_until";`);
  }
}
