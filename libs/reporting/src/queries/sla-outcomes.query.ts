import { Injectable } from '@nestjs/common';
import { SlaGroup, SlaReportQuery, SlaReportRow } from '@switchboard/contracts';
import { sql } from '@switchboard/engine';
import { ReportNames } from './report-names';
import { ReportScope } from './report-scope';
import { ReportTransaction } from './report-transaction';

const KEY: Record<SlaGroup, string> = {
  agent: 'r.user_id',
  team: 'r.team_id',
  department: 'r.department_id',
};

/**
 * SLA met % per agent, team or department: clocks met (ended in time) against clocks breached, each counted once at
 * the moment it was decided (met: when it ended; breached: when it breached). Cancelled clocks count for neither.
 */
@Injectable()
export class SlaOutcomesQuery {
  constructor(
    private readonly tx: ReportTransaction,
    private readonly scope: ReportScope,
    private readonly names: ReportNames,
  ) {}

  async rows(q: SlaReportQuery): Promise<SlaReportRow[]> {
    const where = this.scope.where(q.departmentId);
    const rows = await this.tx.run(q, (em) =>
      sql<{ key: string | null; met: number; breached: number }>(
        em,
        `select ${KEY[q.groupBy]}::text as key,
              count(*) filter (where r.outcome = 'met')::int as met,
              count(*) filter (where r.outcome = 'breached')::int as breached
         from report_sla_outcomes r
        where ${where.sql} and r.at >= ?::timestamptz and r.at < ?::timestamptz
        group by 1 order by 1 nulls last`,
        [...where.params, q.from, q.to],
      ),
    );
    const names = await this.names.of(
      q.groupBy,
      rows.map((r) => r.key),
    );
    return rows.map((r) => ({
      key: r.key,
      name: r.key === null ? null : (names.get(r.key) ?? null),
      met: r.met,
      breached: r.breached,
      metPercent: r.met + r.breached ? Math.round((r.met * 1000) / (r.met + r.breached)) / 10 : null,
    }));
  }
}
