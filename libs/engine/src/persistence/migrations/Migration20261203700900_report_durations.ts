import { Migration } from '@mikro-orm/migrations';

/**
 * Reporting's duration rollup (libs/reporting): how many responses and resolutions took each rounded duration, per
 * UTC day, department, kind (`first`, `next`, `resolution`) and one grouping (`dimension` `agent`, `team` or
 * `number`, `key` its id, null for none). A response time report reads a few thousand of these instead of every
 * response of the range: its cost grows with the distinct rounded durations, not with the responses.
 *
 * `report_duration_bucket` is the declared precision: a duration is rounded to a grid of steps of 0.05, 0.1 or 0.2
 * times its power of ten (milliseconds from 1 to 2, 2 to 5 and 5 to 10 times it), so at most 2.5 % off (half a step
 * at the bottom of a stretch: 1,025 ms is 1,000 or 1,050), and values on the grid stay exact (30 s; 1, 2, 3, 5, 8,
 * 10, 20 and 30 min; 1 h). A half step rounds to the even multiple (float8 `round`).
 *
 * The rollup is filled here from the facts already recorded, then kept by the subscriber in the transaction that
 * records each response and resolution.
 */
export class Migration20261203700900_report_durations extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      // One expression with no FROM, so PostgreSQL inlines it (a subquery would make it a call per row). The step is
      // the power of ten divided by 20, 10 or 5: exact in floating point, so halves round alike everywhere.
      `create function "report_duration_bucket"(ms bigint) returns bigint language sql immutable parallel safe as $$
         select case when ms <= 0 then 0::bigint else (round(ms / (
                  power(10, floor(log(ms::float8))) / case when ms < 2 * power(10, floor(log(ms::float8))) then 20
                  when ms < 5 * power(10, floor(log(ms::float8))) then 10 else 5 end)) *
                  (power(10, floor(log(ms::float8))) / case when ms < 2 * power(10, floor(log(ms::float8))) then 20
                  when ms < 5 * power(10, floor(log(ms::float8))) then 10 else 5 end))::bigint end
       $$;`,
    );
    // The fill factor leaves room on each page so `count = count + n` stays a heap-only update.
    this.addSql(
      `create table "report_durations_daily" (
        "day" date not null, "dimension" text not null, "key" uuid null, "department_id" uuid not null,
        "kind" text not null, "bucket_ms" bigint not null, "count" integer not null) with (fillfactor = 80);`,
    );
    this.addSql(
      `create unique index "report_durations_daily_key" on "report_durations_daily"
        ("dimension", "day", "department_id", "key", "kind", "bucket_ms") nulls not distinct;`,
    );
    this.addSql(
      `insert into "report_durations_daily" ("day", "dimension", "key", "department_id", "kind", "bucket_ms", "count")
       select (m.at at time zone 'UTC')::date, k.dimension, k.key, m.department_id, m.kind,
              report_duration_bucket(m.ms), count(*)
         from (select r.responded_at as at, r.kind, r.department_id, r.number_id, r.team_id, r.user_id,
                      r.business_ms as ms
                 from "report_responses" r
               union all
               select r.closed_at, 'resolution', r.department_id, r.number_id, r.resolved_team_id,
                      r.resolved_by_user_id, r.resolution_ms
                 from "report_conversations" r
                where r.closed_at is not null and r.resolution_ms is not null) m
        cross join lateral (values ('agent', m.user_id), ('team', m.team_id), ('number', m.number_id))
              as k(dimension, key)
        group by 1, 2, 3, 4, 5, 6;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "report_durations_daily";`);
    this.addSql(`drop function "report_duration_bucket"(bigint);`);
  }
}
