import { Migration } from '@mikro-orm/migrations';

/**
 * SLA clocks per conversation and every transition they went through (so each figure is explained by its rows), and
 * what the clocks need to know about each conversation between events (its policy inputs, whether the customer waits,
 * why its clocks are paused).
 */
export class Migration20261203400000_sla_clocks extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "sla_conversations" (
         "conversation_id" uuid primary key,
         "department_id" uuid not null,
         "number_id" uuid not null,
         "priority" text not null default 'normal',
         "request_type" text null,
         "policy_id" uuid null,
         "status" text not null default 'open' check ("status" in ('open', 'closed')),
         "customer_waiting_since" timestamptz null,
         "agent_replied" boolean not null default false,
         "in_waiting_stage" boolean not null default false,
         "snoozed" boolean not null default false,
         "stage_key" text null,
         "updated_at" timestamptz not null default now());`,
    );
    this.addSql(
      `create table "sla_clocks" (
         "id" uuid primary key,
         "conversation_id" uuid not null,
         "department_id" uuid not null,
         "number_id" uuid not null,
         "policy_id" uuid not null,
         "kind" text not null,
         "state" text not null check ("state" in ('running', 'paused', 'met', 'breached', 'stopped')),
         "business_hours" boolean not null,
         "started_at" timestamptz not null,
         "elapsed_ms" bigint not null default 0,
         "last_resumed_at" timestamptz null,
         "target_ms" bigint not null,
         "warn_ms" bigint not null,
         "due_at" timestamptz null,
         "warn_at" timestamptz null,
         "warned_at" timestamptz null,
         "breached_at" timestamptz null,
         "finished_at" timestamptz null,
         "by_user_id" uuid null,
         "updated_at" timestamptz not null default now());`,
    );
    this.addSql(`create index "sla_clocks_conversation_id_index" on "sla_clocks" ("conversation_id");`);
    // One live clock per conversation and measure: a single response clock (first or next), one resolution clock,
    // one per stage.
    this.addSql(
      `create unique index "sla_clocks_one_live" on "sla_clocks" ("conversation_id", (case when "kind" in ('first_response', 'next_response') then 'response' else "kind" end)) where "state" in ('running', 'paused');`,
    );
    this.addSql(
      `create table "sla_clock_transitions" (
         "id" bigint generated always as identity primary key,
         "clock_id" uuid not null,
         "conversation_id" uuid not null,
         "at" timestamptz not null,
         "transition" text not null check ("transition" in ('started', 'paused', 'resumed', 'warned', 'breached', 'met', 'stopped', 'recomputed')),
         "cause" text not null,
         "elapsed_ms" bigint not null,
         "due_at" timestamptz null);`,
    );
    this.addSql(
      `create index "sla_clock_transitions_conversation_id_index" on "sla_clock_transitions" ("conversation_id", "id");`,
    );
    this.addSql(
      `create index "sla_clock_transitions_clock_id_index" on "sla_clock_transitions" ("clock_id");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "sla_clock_transitions";`);
    this.addSql(`drop table "sla_clocks";`);
    this.addSql(`drop table "sla_conversations";`);
  }
}
