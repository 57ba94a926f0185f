import { Migration } from '@mikro-orm/migrations';

/** Identity hardening: single-use second-factor challenges. */
export class Migration20261129300000_identity_hardening extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "mfa_challenges" ("id" uuid not null, "user_id" uuid not null, "token_hash" text not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "used_at" timestamptz null, constraint "mfa_challenges_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "mfa_challenges_user_id_index" on "mfa_challenges" ("user_id");`);
    this.addSql(
      `alter table "mfa_challenges" add constraint "mfa_challenges_token_hash_unique" unique ("token_hash");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mfa_challenges" cascade;`);
  }
}
