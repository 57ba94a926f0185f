import { Migration } from '@mikro-orm/migrations';

/**
 * Identity hardening: single-use second-factor challenges, and the phone number ids a webhook delivery names, read
 * without failing on bodies that are not JSON, so inbound events can be limited by department through the number.
 */
export class Migration20261129300000_identity_hardening extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "mfa_challenges" ("id" uuid not null, "user_id" uuid not null, "token_hash" text not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "used_at" timestamptz null, constraint "mfa_challenges_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "mfa_challenges_user_id_index" on "mfa_challenges" ("user_id");`);
    this.addSql(
      `alter table "mfa_challenges" add constraint "mfa_challenges_token_hash_unique" unique ("token_hash");`,
    );
    // A stored delivery may be any UTF-8 (intake keeps what was signed); a body that is not JSON names no number.
    this.addSql(
      `create or replace function switchboard_webhook_phone_number_ids(body text) returns text[]
         language plpgsql immutable parallel safe as $$
       begin
         return array(select distinct v #>> '{}' from jsonb_path_query(body::jsonb,
           '$.entry[*].changes[*].value.metadata.phone_number_id') v where jsonb_typeof(v) = 'string');
       exception when others then
         return '{}'::text[];
       end $$;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists switchboard_webhook_phone_number_ids(text);`);
    this.addSql(`drop table if exists "mfa_challenges" cascade;`);
  }
}
