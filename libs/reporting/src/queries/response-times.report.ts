import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  DURATION_PRECISION,
  DurationFigures,
  ResponseTimeGroup,
  ResponseTimesQuery,
  ResponseTimesRow,
  ResponseTimesRows,
} from '@switchboard/contracts';
import { sql } from '@switchboard/engine';
import { interpolated, Ranks } from './percentile-ranks';
import { reportDays } from './report-days';
import { ReportNames } from './report-names';
import { ReportScope, ReportWhere } from './report-scope';
import { ReportTransaction } from './report-transaction';

/** The rollup's dimension and key for each grouping (departments: the numbers' rows, which carry their department). */
const ROLLUP: Record<ResponseTimeGroup, { dimension: string; key: string }> = {
  agent: { dimension: 'agent', key: 'r.key' },
  team: { dimension: 'team', key: 'r.key' },
  department: { dimension: 'number', key: 'r.department_id' },
  number: { dimension: 'number', key: 'r.key' },
};
/** The column each grouping reads on the facts: responses, and conversations for resolution (who and which team closed). */
const RESPONSE_KEY: Record<ResponseTimeGroup, string> = {
  agent: 'r.user_id',
  team: 'r.team_id',
  department: 'r.department_id',
  number: 'r.number_id',
};
const RESOLUTION_KEY: Record<ResponseTimeGroup, string> = {
  agent: 'r.resolved_by_user_id',
  team: 'r.resolved_team_id',
  department: 'r.department_id',
  number: 'r.number_id',
};

const NONE: DurationFigures = { count: 0, medianMs: null, p90Ms: null };

interface RankedRow extends Ranks {
  key: string | null;
  kind: string;
}

/**
 * First response, next response and resolution times: median and 90th percentile of the business milliseconds
 * recorded for responses given and conversations closed within the range, each duration rounded as
 * `DURATION_PRECISION` says. Whole UTC days are read from the daily duration rollup (counts per rounded duration),
 * the partial days at the range's ends from the facts, rounded by the same `report_duration_bucket`; the
 * percentiles come from the cumulative counts, so a month costs the distinct rounded durations, not the responses.
 */
@Injectable()
export class ResponseTimesReport {
  constructor(
    private readonly tx: ReportTransaction,
    private readonly scope: ReportScope,
    private readonly names: ReportNames,
  ) {}

  async report(q: ResponseTimesQuery): Promise<ResponseTimesRows> {
    const where = this.scope.where(q.departmentId);
    const ranked = await this.tx.run(q, (em) => this.ranked(em, q, where));
    const names = await this.names.of(
      q.groupBy,
      ranked.map((r) => r.key),
    );
    const byKey = new Map<string | null, ResponseTimesRow>();
    for (const r of ranked) {
      const row = byKey.get(r.key) ?? {
        key: r.key,
        name: r.key === null ? null : (names.get(r.key) ?? null),
        firstResponse: NONE,
        nextResponse: NONE,
        resolution: NONE,
      };
      const figures = { count: r.count, medianMs: interpolated(r, 'median'), p90Ms: interpolated(r, 'p90') };
      if (r.kind === 'first') row.firstResponse = figures;
      else if (r.kind === 'next') row.nextResponse = figures;
      else row.resolution = figures;
      byKey.set(r.key, row);
    }
    const rows = [...byKey.values()].sort((a, b) => (a.key ?? '\uffff').localeCompare(b.key ?? '\uffff'));
    return { from: q.from, to: q.to, precision: DURATION_PRECISION, rows };
  }

  private ranked(em: EntityManager, q: ResponseTimesQuery, where: ReportWhere): Promise<RankedRow[]> {
    const { days, edges } = reportDays(q.from, q.to);
    const rollup = ROLLUP[q.groupBy];
    const edge = (column: string) =>
      `((${column} >= ?::timestamptz and ${column} < ?::timestamptz) or (${column} >= ?::timestamptz and ${column} < ?::timestamptz))`;
    return sql<RankedRow>(
      em,
      // The nth smallest duration (0-based) is the first rounded value whose cumulative count exceeds n; the two
      // around each percentile's rank are picked per group and interpolated by the caller.
      `with counted as (
         select ${rollup.key} as key, r.kind, r.bucket_ms as ms, r.count::bigint as n
           from report_durations_daily r
          where r.dimension = ? and ${where.sql} and r.day >= ?::date and r.day < ?::date
         union all
         select ${RESPONSE_KEY[q.groupBy]}, r.kind, report_duration_bucket(r.business_ms), 1
           from report_responses r
          where ${where.sql} and ${edge('r.responded_at')}
         union all
         select ${RESOLUTION_KEY[q.groupBy]}, 'resolution', report_duration_bucket(r.resolution_ms), 1
           from report_conversations r
          where ${where.sql} and ${edge('r.closed_at')} and r.resolution_ms is not null
       ), per_value as (
         select key, kind, ms, sum(n) as n from counted group by key, kind, ms having sum(n) > 0
       ), cumulative as (
         select key, kind, ms, sum(n) over (partition by key, kind order by ms) as below,
                sum(n) over (partition by key, kind) as total
           from per_value
       )
       select key::text as key, kind, total::int as count,
              min(ms) filter (where below > floor(0.5 * (total - 1))) as "medianLow",
              min(ms) filter (where below > ceil(0.5 * (total - 1))) as "medianHigh",
              min(ms) filter (where below > floor(0.9 * (total - 1))) as "p90Low",
              min(ms) filter (where below > ceil(0.9 * (total - 1))) as "p90High"
         from cumulative
        group by key, kind, total`,
      [
        rollup.dimension,
        ...where.params,
        ...days,
        ...where.params,
        ...edges.flat(),
        ...where.params,
        ...edges.flat(),
      ],
    );
  }
}
