import { Migration } from '@mikro-orm/migrations';

/**
 * Identity and access: users, department memberships, teams, refresh-token sessions, single sign-on identities, login
 * attempts, TOTP factors, API tokens, invitation and reset links, and the audit log, which a trigger keeps
 * append-only (updates, deletes and truncation are refused, whatever the role).
 */
export class Migration20261122100000_identity extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "teams" ("id" uuid not null, "department_id" uuid not null, "name" text not null, "created_at" timestamptz not null, constraint "teams_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "teams" add constraint "teams_department_id_name_unique" unique ("department_id", "name");`,
    );
    this.addSql(
      `create table "team_members" ("id" uuid not null, "team_id" uuid not null, "user_id" uuid not null, constraint "team_members_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "team_members_user_id_index" on "team_members" ("user_id");`);
    this.addSql(
      `alter table "team_members" add constraint "team_members_team_id_user_id_unique" unique ("team_id", "user_id");`,
    );
    this.addSql(
      `create table "user_identities" ("id" uuid not null, "user_id" uuid not null, "provider" text not null, "issuer" text not null, "subject" text not null, "email" text null, "created_at" timestamptz not null, "last_login_at" timestamptz null, constraint "user_identities_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "user_identities_user_id_index" on "user_identities" ("user_id");`);
    this.addSql(
      `alter table "user_identities" add constraint "user_identities_issuer_subject_unique" unique ("issuer", "subject");`,
    );
    this.addSql(
      `create table "user_tokens" ("id" uuid not null, "user_id" uuid not null, "purpose" text not null, "token_hash" text not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "used_at" timestamptz null, constraint "user_tokens_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "user_tokens" add constraint "user_tokens_token_hash_unique" unique ("token_hash");`,
    );
    this.addSql(`create index "user_tokens_user_id_index" on "user_tokens" ("user_id");`);
    this.addSql(
      `create table "api_tokens" ("id" uuid not null, "name" text not null, "prefix" text not null, "token_hash" text not null, "permissions" jsonb not null, "department_ids" jsonb null, "created_by" uuid null, "created_at" timestamptz not null, "expires_at" timestamptz null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, constraint "api_tokens_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "api_tokens" add constraint "api_tokens_token_hash_unique" unique ("token_hash");`,
    );
    this.addSql(
      `create table "audit_events" ("id" uuid not null, "at" timestamptz not null, "actor_type" text not null, "actor_id" uuid null, "actor_label" text null, "action" text not null, "target_type" text null, "target_id" text null, "department_id" uuid null, "ip" text null, "details" jsonb not null, constraint "audit_events_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "audit_events_actor_id_at_index" on "audit_events" ("actor_id", "at");`);
    this.addSql(`create index "audit_events_action_at_index" on "audit_events" ("action", "at");`);
    this.addSql(`create index "audit_events_at_index" on "audit_events" ("at");`);
    this.addSql(
      `create table "department_memberships" ("id" uuid not null, "user_id" uuid not null, "department_id" uuid not null, "role" text not null, "created_at" timestamptz not null, constraint "department_memberships_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "department_memberships_department_id_index" on "department_memberships" ("department_id");`,
    );
    this.addSql(
      `alter table "department_memberships" add constraint "department_memberships_user_id_department_id_unique" unique ("user_id", "department_id");`,
    );
    this.addSql(
      `create table "login_attempts" ("id" uuid not null, "email" text not null, "ip" text not null, "success" boolean not null, "at" timestamptz not null, constraint "login_attempts_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "login_attempts_ip_at_index" on "login_attempts" ("ip", "at");`);
    this.addSql(`create index "login_attempts_email_at_index" on "login_attempts" ("email", "at");`);
    this.addSql(
      `create table "sessions" ("id" uuid not null, "user_id" uuid not null, "family_id" uuid not null, "token_hash" text not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "rotated_at" timestamptz null, "revoked_at" timestamptz null, "revoked_reason" text null, "ip" text null, "user_agent" text null, constraint "sessions_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "sessions" add constraint "sessions_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "sessions_family_id_index" on "sessions" ("family_id");`);
    this.addSql(`create index "sessions_user_id_index" on "sessions" ("user_id");`);
    this.addSql(
      `create table "users" ("id" uuid not null, "email" text not null, "name" text not null, "password_hash" text null, "is_admin" boolean not null default false, "status" text not null default 'active', "last_login_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "users_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);
    this.addSql(
      `alter table "users" add column "mfa_secret" text null, add column "mfa_pending_secret" text null, add column "mfa_enabled_at" timestamptz null, add column "mfa_last_step" bigint null;`,
    );
    this.addSql(
      `create function audit_events_append_only() returns trigger language plpgsql as $$ begin raise exception 'audit_events is append-only (% refused)', tg_op using errcode = 'insufficient_privilege'; end $$;`,
    );
    this.addSql(
      `create trigger audit_events_append_only before update or delete on "audit_events" for each row execute function audit_events_append_only();`,
    );
    this.addSql(
      `create trigger audit_events_no_truncate before truncate on "audit_events" for each statement execute function audit_events_append_only();`,
    );
  }
}
