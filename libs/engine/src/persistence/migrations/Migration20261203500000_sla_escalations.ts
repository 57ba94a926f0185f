import { Migration } from '@mikro-orm/migrations';

/**
 * SLA escalations: one row per clock and threshold (warning or breach) whose escalations ran, so a firing handed
 * over twice (a retried timer batch, a second worker) never raises a priority or reassigns twice. And the last
 * free-reply window close each conversation was told about (closing soon, closed), so each close is told once even
 * when its timers are set again (a reopen).
 */
export class Migration20261203500000_sla_escalations extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "sla_escalations_applied" (
         "clock_id" uuid not null,
         "on" text not null check ("on" in ('warning', 'breach')),
         "conversation_id" uuid not null,
         "policy_id" text null,
         "actions" jsonb not null default '[]',
         "applied_at" timestamptz not null default now(),
         primary key ("clock_id", "on"));`,
    );
    this.addSql(
      `create index "sla_escalations_applied_conversation" on "sla_escalations_applied" ("conversation_id");`,
    );
    this.addSql(
      `create table "sla_window_notices" (
         "conversation_id" uuid not null,
         "notice" text not null check ("notice" in ('closing', 'closed')),
         "closes_at" timestamptz not null,
         "told_at" timestamptz not null default now(),
         primary key ("conversation_id", "notice"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "sla_window_notices";`);
    this.addSql(`drop table "sla_escalations_applied";`);
  }
}
