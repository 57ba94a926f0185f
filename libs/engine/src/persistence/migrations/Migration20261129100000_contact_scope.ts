import { Migration } from '@mikro-orm/migrations';

/** A uuidv7 minted in SQL (PostgreSQL 15 has no uuidv7()): 48-bit millisecond time, version 7, variant 10. */
const UUIDV7 = `encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
  placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6),
  52, 1), 53, 1), 'hex')::uuid`;

/**
 * Tenancy of WhatsApp data (docs/architecture.md): contacts belong to one WhatsApp Business Account, and
 * delivery statuses to one number.
 *
 * Contacts: each gets the WABA of the numbers its conversations are on. A contact with conversations under
 * several WABAs is split into one row per WABA (the lowest WABA keeps the row, the others get copies) and
 * those conversations are repointed to their WABA's copy. Contacts without any conversation reference nothing
 * and cannot be placed in a WABA: they are removed.
 *
 * Statuses: each stored status gets the number of the message it was applied to. A status that never found
 * its message keeps a null number: nothing proves which number reported it, so it is never applied.
 */
export class Migration20261129100000_contact_scope extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "contacts" add column "waba_id" text null;`);
    this.addSql(`drop index "contacts_wa_id_unique";`);
    this.addSql(`drop index "contacts_bsuid_unique";`);
    this.addSql(
      `create temporary table "contact_scope" on commit drop as
         select s.contact_id, s.waba_id, row_number() over (partition by s.contact_id order by s.waba_id) as nth
           from (select distinct c.contact_id, n.waba_id
                   from conversations c join whatsapp_numbers n on n.id = c.number_id) s;`,
    );
    this.addSql(`alter table "contact_scope" add column "new_id" uuid;`);
    this.addSql(
      `update "contact_scope" set "new_id" = case when nth = 1 then contact_id else ${UUIDV7} end;`,
    );
    this.addSql(
      `update "contacts" k set "waba_id" = s.waba_id from "contact_scope" s where s.contact_id = k.id and s.nth = 1;`,
    );
    this.addSql(
      `insert into "contacts" ("id", "waba_id", "wa_id", "bsuid", "profile_name", "username", "created_at", "updated_at")
       select s.new_id, s.waba_id, k.wa_id, k.bsuid, k.profile_name, k.username, k.created_at, now()
         from "contact_scope" s join "contacts" k on k.id = s.contact_id where s.nth > 1;`,
    );
    this.addSql(
      `update "conversations" c set "contact_id" = s.new_id
         from "whatsapp_numbers" n, "contact_scope" s
        where n.id = c.number_id and s.contact_id = c.contact_id and s.waba_id = n.waba_id and s.nth > 1;`,
    );
    this.addSql(`delete from "contacts" where "waba_id" is null;`);
    this.addSql(`alter table "contacts" alter column "waba_id" set not null;`);
    this.addSql(
      `create unique index "contacts_waba_wa_id_unique" on "contacts" ("waba_id", "wa_id") where "wa_id" is not null;`,
    );
    this.addSql(
      `create unique index "contacts_waba_bsuid_unique" on "contacts" ("waba_id", "bsuid") where "bsuid" is not null;`,
    );

    this.addSql(`alter table "message_status_events" add column "number_id" uuid null;`);
    this.addSql(
      `update "message_status_events" e set "number_id" = c.number_id
         from "messages" m join "conversations" c on c.id = m.conversation_id
        where m.wamid = e.wamid and m.direction = 'out';`,
    );
    this.addSql(
      `alter table "message_status_events" drop constraint "message_status_events_wamid_status_unique";`,
    );
    this.addSql(
      `alter table "message_status_events" add constraint "message_status_events_number_id_wamid_status_unique" unique ("number_id", "wamid", "status");`,
    );
  }

  override async down(): Promise<void> {
    // Going back merges what was split: per (wa_id) / (bsuid) the oldest row wins and conversations follow it.
    this.addSql(
      `alter table "message_status_events" drop constraint "message_status_events_number_id_wamid_status_unique";`,
    );
    this.addSql(
      `delete from "message_status_events" e using "message_status_events" d
        where d.wamid = e.wamid and d.status = e.status and d.id < e.id;`,
    );
    this.addSql(
      `alter table "message_status_events" add constraint "message_status_events_wamid_status_unique" unique ("wamid", "status");`,
    );
    this.addSql(`alter table "message_status_events" drop column "number_id";`);
    this.addSql(
      `update "conversations" c set "contact_id" = w.keep
         from (select k.id, first_value(k.id) over (partition by coalesce(k.wa_id, k.bsuid) order by k.created_at, k.id) as keep
                 from "contacts" k) w
        where w.id = c.contact_id and w.keep <> w.id;`,
    );
    this.addSql(
      `delete from "contacts" k where exists (select 1 from "contacts" o
        where coalesce(o.wa_id, o.bsuid) = coalesce(k.wa_id, k.bsuid) and (o.created_at, o.id) < (k.created_at, k.id));`,
    );
    this.addSql(`drop index "contacts_waba_wa_id_unique";`);
    this.addSql(`drop index "contacts_waba_bsuid_unique";`);
    this.addSql(`alter table "contacts" drop column "waba_id";`);
    this.addSql(
      `create unique index "contacts_wa_id_unique" on "contacts" ("wa_id") where "wa_id" is not null;`,
    );
    this.addSql(
      `create unique index "contacts_bsuid_unique" on "contacts" ("bsuid") where "bsuid" is not null;`,
    );
  }
}
