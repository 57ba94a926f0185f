import { Migration } from '@mikro-orm/migrations';

/**
 * Ownership: who owns each conversation and its owner-independent state (team queue, priority, labels, language,
 * required skills, snooze, queue age, close time), and each department's policy for a customer writing after close.
 */
export class Migration20261202100000_ownership extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "conversations"
         add column "owner_user_id" uuid null,
         add column "team_id" uuid null,
         add column "priority" text not null default 'normal',
         add column "labels" text[] not null default '{}',
         add column "language" text null,
         add column "required_skills" text[] not null default '{}',
         add column "snoozed_until" timestamptz null,
         add column "snoozed_until_reply" boolean not null default false,
         add column "queued_at" timestamptz null,
         add column "closed_at" timestamptz null;`,
    );
    this.addSql(
      `alter table "conversations" add constraint "conversations_priority_check" check ("priority" in ('low', 'normal', 'high', 'urgent'));`,
    );
    this.addSql(
      `create index "conversations_open_owner" on "conversations" ("department_id", "owner_user_id") where "status" = 'open';`,
    );
    // Rank matches ConversationOwnershipService.waiting's order: urgent first.
    this.addSql(
      `create index "conversations_waiting" on "conversations" ("department_id", "team_id", (case "priority" when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end), "queued_at") where "status" = 'open' and "owner_user_id" is null;`,
    );
    this.addSql(
      `create index "conversations_snoozed_until" on "conversations" ("snoozed_until") where "snoozed_until" is not null;`,
    );
    this.addSql(
      `update "conversations" set "queued_at" = "created_at" where "status" = 'open' and "owner_user_id" is null;`,
    );
    this.addSql(
      `create table "conversation_policies" ("department_id" uuid not null, "on_customer_message_after_close" text not null default 'new', "reopen_window_minutes" int not null default 1440, "updated_at" timestamptz not null, constraint "conversation_policies_pkey" primary key ("department_id"), constraint "conversation_policies_on_customer_message_after_close_check" check ("on_customer_message_after_close" in ('reopen', 'new')), constraint "conversation_policies_window_check" check ("reopen_window_minutes" > 0));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "conversation_policies";`);
    this.addSql(`drop index if exists "conversations_snoozed_until";`);
    this.addSql(`drop index if exists "conversations_waiting";`);
    this.addSql(`drop index if exists "conversations_open_owner";`);
    this.addSql(`alter table "conversations" drop constraint if exists "conversations_priority_check";`);
    this.addSql(
      `alter table "conversations" drop column "owner_user_id", drop column "team_id", drop column "priority", drop column "labels", drop column "language", drop column "required_skills", drop column "snoozed_until", drop column "snoozed_until_reply", drop column "queued_at", drop column "closed_at";`,
    );
  }
}
