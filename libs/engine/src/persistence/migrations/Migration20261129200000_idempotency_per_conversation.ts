import { Migration } from '@mikro-orm/migrations';

/**
 * Idempotency-Key is scoped to the conversation: the same key used on two conversations (two departments' clients
 * that happen to pick the same key) names two different requests, not a conflict.
 */
export class Migration20261129200000_idempotency_per_conversation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "messages" drop constraint "messages_client_key_unique";`);
    this.addSql(
      `alter table "messages" add constraint "messages_conversation_id_client_key_unique" unique ("conversation_id", "client_key");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "messages" drop constraint "messages_conversation_id_client_key_unique";`);
    this.addSql(`alter table "messages" add constraint "messages_client_key_unique" unique ("client_key");`);
  }
}
