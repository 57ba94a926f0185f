import { Injectable } from '@nestjs/common';
import { BacklogRow, OverviewReport, ReportRangeQuery } from '@switchboard/contracts';
import { sql } from '@switchboard/engine';
import { stageRefKey } from '@switchboard/pipelines';
import { ReportNames } from './report-names';
import { ReportScope } from './report-scope';
import { ReportTransaction } from './report-transaction';

/** The dashboard's counts now (open, in progress, waiting on customer, overdue, backlog per stage). */
@Injectable()
export class NowCountsQuery {
  constructor(
    private readonly tx: ReportTransaction,
    private readonly scope: ReportScope,
    private readonly names: ReportNames,
  ) {}

  async overview(q: ReportRangeQuery): Promise<OverviewReport> {
    const where = this.scope.where(q.departmentId);
    return this.tx.run(q, async (em) => {
      const [now] = await sql<{ open: number; in_progress: number; waiting: number; overdue: number }>(
        em,
        `select count(*)::int as open,
              count(*) filter (where r.owner_user_id is not null
                                 and r.stage_category is distinct from 'waiting')::int as in_progress,
              count(*) filter (where r.stage_category = 'waiting')::int as waiting,
              count(*) filter (where r.sla_status = 'red')::int as overdue
         from report_conversations r where r.status = 'open' and ${where.sql}`,
        where.params,
      );
      const [range] = await sql<{ opened: number; closed: number }>(
        em,
        `select (select count(*)::int from report_conversations r
                where ${where.sql} and r.opened_at >= ?::timestamptz and r.opened_at < ?::timestamptz) as opened,
              (select count(*)::int from report_conversations r
                where ${where.sql} and r.closed_at >= ?::timestamptz and r.closed_at < ?::timestamptz) as closed`,
        [...where.params, q.from, q.to, ...where.params, q.from, q.to],
      );
      return {
        from: q.from,
        to: q.to,
        open: now.open,
        inProgress: now.in_progress,
        waitingOnCustomer: now.waiting,
        overdue: now.overdue,
        opened: range.opened,
        closed: range.closed,
      };
    });
  }

  async backlog(q: ReportRangeQuery): Promise<BacklogRow[]> {
    const where = this.scope.where(q.departmentId);
    const rows = await this.tx.run(q, (em) =>
      sql<{
        department_id: string;
        stage_key: string | null;
        stage_category: string | null;
        count: number;
      }>(
        em,
        `select r.department_id, r.stage_key, r.stage_category, count(*)::int as count
         from report_conversations r where r.status = 'open' and ${where.sql}
        group by 1, 2, 3 order by 1, 2 nulls last`,
        where.params,
      ),
    );
    // Named for the caller like other report rows (the same department scope), so no admin-only lookup is needed.
    const [departments, stages] = await Promise.all([
      this.names.of(
        'department',
        rows.map((r) => r.department_id),
      ),
      this.names.stages(
        rows.flatMap((r) =>
          r.stage_key === null ? [] : [{ departmentId: r.department_id, stageKey: r.stage_key }],
        ),
      ),
    ]);
    return rows.map((r) => ({
      departmentId: r.department_id,
      departmentName: departments.get(r.department_id) ?? null,
      stageKey: r.stage_key,
      stageName:
        r.stage_key === null
          ? null
          : (stages.get(stageRefKey({ departmentId: r.department_id, stageKey: r.stage_key })) ?? null),
      stageCategory: r.stage_category,
      count: r.count,
    }));
  }
}
