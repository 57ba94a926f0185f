import { Migration } from '@mikro-orm/migrations';

/**
 * The registered numbers a webhook delivery names, stored on the delivery when it is processed, so listing
 * deliveries by department reads an indexed array instead of parsing every raw body (up to 3 MB each) per query.
 * Deliveries already processed are filled once here with the function that did it per query until now.
 */
export class Migration20261129500000_inbound_event_numbers extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "inbound_events" add column "number_ids" uuid[] null, add column "names_unowned_number" boolean null;`,
    );
    // Same resolution as processing: a phone number id counts when it is a number of the app that signed the body.
    this.addSql(
      `update "inbound_events" e set "number_ids" = r.number_ids, "names_unowned_number" = r.unowned
         from "inbound_events" src cross join lateral (
           select coalesce(array_agg(n.id) filter (where n.id is not null), '{}') as number_ids,
                  coalesce(bool_or(n.id is null), false) as unowned
             from unnest(switchboard_webhook_phone_number_ids(src.raw_body)) p(phone_number_id)
             left join whatsapp_numbers n
               on n.phone_number_id = p.phone_number_id and n.app_secret_fingerprint = src.secret_fingerprint) r
        where src.id = e.id and src.status <> 'pending';`,
    );
    // Built after the backfill: one sort per index instead of index maintenance on every updated row.
    this.addSql(
      `create index "inbound_events_number_ids_index" on "inbound_events" using gin ("number_ids");`,
    );
    this.addSql(
      `create index "inbound_events_unresolved_received_at_index" on "inbound_events" ("received_at") where "number_ids" is null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "inbound_events_unresolved_received_at_index";`);
    this.addSql(`drop index if exists "inbound_events_number_ids_index";`);
    this.addSql(
      `alter table "inbound_events" drop column if exists "number_ids", drop column if exists "names_unowned_number";`,
    );
  }
}
