import { Injectable } from '@nestjs/common';
import { ReportRangeQuery, VolumeRow } from '@switchboard/contracts';
import { sql } from '@switchboard/engine';
import { ReportNames } from './report-names';
import { ReportScope } from './report-scope';
import { ReportTransaction } from './report-transaction';

/** Messages in and out per number and hour (UTC hours starting within the range). */
@Injectable()
export class VolumeQuery {
  constructor(
    private readonly tx: ReportTransaction,
    private readonly scope: ReportScope,
    private readonly names: ReportNames,
  ) {}

  async rows(q: ReportRangeQuery): Promise<VolumeRow[]> {
    const where = this.scope.where(q.departmentId);
    const rows = await this.tx.run(q, (em) =>
      sql<{
        number_id: string;
        department_id: string;
        hour: Date;
        inbound: number;
        outbound: number;
      }>(
        em,
        `select r.number_id, r.department_id, r.hour, r.inbound, r.outbound
         from report_volume_hourly r
        where ${where.sql} and r.hour >= ?::timestamptz and r.hour < ?::timestamptz
        order by r.hour, r.number_id, r.department_id`,
        [...where.params, q.from, q.to],
      ),
    );
    const names = await this.names.of(
      'number',
      rows.map((r) => r.number_id),
    );
    return rows.map((r) => ({
      numberId: r.number_id,
      name: names.get(r.number_id) ?? null,
      departmentId: r.department_id,
      hour: new Date(r.hour).toISOString(),
      inbound: r.inbound,
      outbound: r.outbound,
    }));
  }
}
