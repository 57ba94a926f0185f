import { Migration } from '@mikro-orm/migrations';

/**
 * Assignment: each department's queues (its own and its teams') with their strategy, matching and hand-over
 * policies and the round-robin cursor; when each agent was last given a conversation (least-loaded ties); and who
 * was on shift at the last tick (so a shift's start and end are seen once).
 */
export class Migration20261202200000_assignment extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "assignment_queues" ("id" uuid not null, "department_id" uuid not null, "team_id" uuid null, "strategy" text not null default 'round_robin', "match_language" boolean not null default true, "match_skills" boolean not null default true, "when_agent_offline" text not null default 'return_to_queue', "at_shift_end" text not null default 'return_to_queue', "cursor_user_id" uuid null, "updated_at" timestamptz not null default now(), constraint "assignment_queues_pkey" primary key ("id"), constraint "assignment_queues_department_id_foreign" foreign key ("department_id") references "departments" ("id") on update cascade on delete cascade, constraint "assignment_queues_team_id_foreign" foreign key ("team_id") references "teams" ("id") on update cascade on delete cascade, constraint "assignment_queues_strategy_check" check ("strategy" in ('round_robin', 'least_loaded', 'manual')), constraint "assignment_queues_when_agent_offline_check" check ("when_agent_offline" in ('return_to_queue', 'reassign', 'keep')), constraint "assignment_queues_at_shift_end_check" check ("at_shift_end" in ('return_to_queue', 'reassign', 'keep')));`,
    );
    // One row per queue; a department's own queue has no team (coalesce makes it unique too).
    this.addSql(
      `create unique index "assignment_queues_queue" on "assignment_queues" ("department_id", coalesce("team_id", '00000000-0000-0000-0000-000000000000'::uuid));`,
    );
    this.addSql(
      `create table "assignment_agent_marks" ("department_id" uuid not null, "user_id" uuid not null, "last_assigned_at" timestamptz null, "on_shift" boolean null, constraint "assignment_agent_marks_pkey" primary key ("department_id", "user_id"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "assignment_agent_marks";`);
    this.addSql(`drop table if exists "assignment_queues";`);
  }
}
