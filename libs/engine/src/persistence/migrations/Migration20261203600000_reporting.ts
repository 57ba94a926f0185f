import { Migration } from '@mikro-orm/migrations';

/**
 * Reporting's facts, written only by its domain-event subscriber (libs/reporting): one row per conversation (its
 * current place and its first response and resolution), one per measured response, one per SLA clock that ended
 * or breached, and inbound/outbound counts per number and hour. `last_xid`/`last_seq` is the position of the last
 * event applied to a conversation's row: a re-delivered event at or before it changes nothing. The range indexes lead
 * with the time and carry the department and the figures, so a report reads one index range (index-only), whether
 * the caller sees every department or some.
 */
export class Migration20261203600000_reporting extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "report_conversations" (
        "conversation_id" uuid primary key, "department_id" uuid not null, "number_id" uuid not null,
        "team_id" uuid null, "owner_user_id" uuid null, "status" text not null default 'open',
        "card_id" uuid null, "stage_key" text null, "stage_category" text null, "sla_status" text null,
        "opened_at" timestamptz null, "closed_at" timestamptz null, "awaiting_since" timestamptz null,
        "first_response_at" timestamptz null, "first_response_ms" bigint null, "first_response_user_id" uuid null,
        "resolution_ms" bigint null, "resolved_by_user_id" uuid null, "resolved_team_id" uuid null,
        "last_xid" bigint not null, "last_seq" bigint not null);`,
    );
    // Counts now (overview, backlog) read the open rows only.
    this.addSql(
      `create index "report_conversations_open" on "report_conversations" ("department_id") include ("stage_key", "stage_category", "owner_user_id", "sla_status") where "status" = 'open';`,
    );
    this.addSql(
      `create index "report_conversations_opened" on "report_conversations" ("opened_at") include ("department_id");`,
    );
    this.addSql(
      `create index "report_conversations_closed" on "report_conversations" ("closed_at") include ("department_id", "resolution_ms", "resolved_by_user_id", "resolved_team_id", "number_id") where "closed_at" is not null;`,
    );
    this.addSql(
      `create index "report_conversations_card" on "report_conversations" ("card_id") where "card_id" is not null;`,
    );
    this.addSql(
      `create table "report_responses" (
        "message_id" uuid primary key, "conversation_id" uuid not null, "kind" text not null,
        "department_id" uuid not null, "number_id" uuid not null, "team_id" uuid null, "user_id" uuid null,
        "customer_at" timestamptz not null, "responded_at" timestamptz not null, "business_ms" bigint not null);`,
    );
    this.addSql(
      `create index "report_responses_range" on "report_responses" ("responded_at") include ("department_id", "kind", "user_id", "team_id", "number_id", "business_ms");`,
    );
    this.addSql(
      `create table "report_sla_outcomes" (
        "clock_id" text primary key, "conversation_id" uuid not null, "department_id" uuid not null,
        "number_id" uuid not null, "team_id" uuid null, "user_id" uuid null, "kind" text not null,
        "outcome" text not null, "at" timestamptz not null);`,
    );
    this.addSql(
      `create index "report_sla_outcomes_range" on "report_sla_outcomes" ("at") include ("department_id", "outcome", "user_id", "team_id");`,
    );
    this.addSql(
      `create table "report_volume_hourly" (
        "number_id" uuid not null, "hour" timestamptz not null, "department_id" uuid not null,
        "inbound" integer not null default 0, "outbound" integer not null default 0,
        primary key ("number_id", "hour", "department_id"));`,
    );
    this.addSql(
      `create index "report_volume_hourly_range" on "report_volume_hourly" ("hour") include ("department_id", "number_id", "inbound", "outbound");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "report_volume_hourly";`);
    this.addSql(`drop table "report_sla_outcomes";`);
    this.addSql(`drop table "report_responses";`);
    this.addSql(`drop table "report_conversations";`);
  }
}
