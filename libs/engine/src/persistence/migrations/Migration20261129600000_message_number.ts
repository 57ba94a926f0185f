import { Migration } from '@mikro-orm/migrations';

/**
 * A wamid identifies a message within its number, not installation-wide: a delivery signed by one app, for its
 * own number, can no longer make another number's message a "duplicate" that intake drops. Every message gets the
 * number of its conversation; the unique wamid becomes unique (wamid, number) (wamid first, so lookups by wamid
 * alone keep using the index).
 */
export class Migration20261129600000_message_number extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "messages" add column "number_id" uuid null;`);
    this.addSql(
      `update "messages" m set "number_id" = c."number_id" from "conversations" c where c."id" = m."conversation_id";`,
    );
    // No foreign key guards conversation_id: say which rows stop the upgrade instead of a bare not-null error.
    this.addSql(
      `do $$ begin
         if exists (select 1 from "messages" where "number_id" is null) then
           raise exception 'messages without a conversation (e.g. id %) have no number; delete or repair them, then upgrade again',
             (select "id" from "messages" where "number_id" is null limit 1);
         end if;
       end $$;`,
    );
    this.addSql(`alter table "messages" alter column "number_id" set not null;`);
    this.addSql(`alter table "messages" drop constraint "messages_wamid_unique";`);
    this.addSql(
      `alter table "messages" add constraint "messages_wamid_number_id_unique" unique ("wamid", "number_id");`,
    );
  }

  override async down(): Promise<void> {
    // Fails (unique violation) if two numbers meanwhile stored the same wamid: that data cannot be folded back.
    this.addSql(`alter table "messages" drop constraint "messages_wamid_number_id_unique";`);
    this.addSql(`alter table "messages" add constraint "messages_wamid_unique" unique ("wamid");`);
    this.addSql(`alter table "messages" drop column "number_id";`);
  }
}
