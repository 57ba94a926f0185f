import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import {
  BacklogRow,
  DURATION_PRECISION,
  OverviewReport,
  RESPONSE_TIME_GROUPS,
  ReportRangeQuery,
  reportRangeQuery,
  ReportRows,
  ResponseTimesQuery,
  responseTimesQuery,
  ResponseTimesRows,
  SLA_GROUPS,
  slaReportQuery,
  SlaReportQuery,
  SlaReportRow,
  VolumeRow,
} from '@switchboard/contracts';
import { RequirePermission } from '@switchboard/identity';
import type { Response } from 'express';
import { NowCountsQuery } from '../queries/now-counts.query';
import { ResponseTimesReport } from '../queries/response-times.report';
import { SlaOutcomesQuery } from '../queries/sla-outcomes.query';
import { VolumeQuery } from '../queries/volume.query';
import { toCsv } from './csv';
import { ReportDocs } from './report-docs';
import {
  BacklogReportDto,
  OverviewReportDto,
  ResponseTimesReportDto,
  SlaReportDto,
  VolumeReportDto,
} from './report-responses.dto';
import {
  backlogTable,
  CsvTable,
  overviewTable,
  responseTimesTable,
  slaTable,
  volumeTable,
} from './report-tables';
import { UnprocessableQueryPipe } from './unprocessable-query.pipe';

/** JSON, or CSV when asked for by `format=csv` or `Accept: text/csv`. */
function answer<T>(
  res: Response,
  q: { format?: 'json' | 'csv' },
  accept: string | undefined,
  json: T,
  table: CsvTable,
): T | string {
  const csv = q.format === 'csv' || (q.format === undefined && (accept ?? '').includes('text/csv'));
  if (!csv) return json;
  res.type('text/csv; charset=utf-8');
  return toCsv(table.header, table.rows);
}

@Controller('api/reports')
export class ReportsController {
  constructor(
    private readonly counts: NowCountsQuery,
    private readonly times: ResponseTimesReport,
    private readonly sla: SlaOutcomesQuery,
    private readonly volume: VolumeQuery,
  ) {}

  @Get('overview')
  @RequirePermission('conversations.read')
  @ReportDocs(
    'Open, in progress, waiting on customer and overdue now; opened and closed within the range',
    OverviewReportDto,
  )
  async overview(
    @Query(new UnprocessableQueryPipe(reportRangeQuery)) q: ReportRangeQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OverviewReport | string> {
    const report = await this.counts.overview(q);
    return answer(res, q, accept, report, overviewTable(report));
  }

  @Get('backlog')
  @RequirePermission('conversations.read')
  @ReportDocs('Open conversations per stage now', BacklogReportDto)
  async backlog(
    @Query(new UnprocessableQueryPipe(reportRangeQuery)) q: ReportRangeQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReportRows<BacklogRow> | string> {
    const rows = await this.counts.backlog(q);
    return answer(res, q, accept, { from: q.from, to: q.to, rows }, backlogTable(rows));
  }

  @Get('response-times')
  @RequirePermission('conversations.read')
  @ReportDocs(
    'First response, next response and resolution: median and p90 in business time, of durations rounded to within 2.5 %',
    ResponseTimesReportDto,
    RESPONSE_TIME_GROUPS,
    `Each figure is computed from durations rounded as the answer's \`precision\` says (also in the ` +
      `Duration-Precision header, for CSV): ${DURATION_PRECISION.rule}. Counts are exact. Medians and p90 ` +
      `interpolate linearly between the two nearest rounded durations, as percentile_cont does.`,
  )
  async responseTimes(
    @Query(new UnprocessableQueryPipe(responseTimesQuery)) q: ResponseTimesQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ResponseTimesRows | string> {
    const report = await this.times.report(q);
    // CSV has no place for it in its cells: the rounding is stated in a header, as it is in the JSON body.
    res.setHeader('Duration-Precision', report.precision.rule);
    return answer(res, q, accept, report, responseTimesTable(report.rows));
  }

  @Get('sla')
  @RequirePermission('conversations.read')
  @ReportDocs('SLA clocks met and breached, and met %', SlaReportDto, SLA_GROUPS)
  async slaReport(
    @Query(new UnprocessableQueryPipe(slaReportQuery)) q: SlaReportQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReportRows<SlaReportRow> | string> {
    const rows = await this.sla.rows(q);
    return answer(res, q, accept, { from: q.from, to: q.to, rows }, slaTable(rows));
  }

  @Get('volume')
  @RequirePermission('conversations.read')
  @ReportDocs('Messages in and out per number and hour', VolumeReportDto)
  async volumeReport(
    @Query(new UnprocessableQueryPipe(reportRangeQuery)) q: ReportRangeQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReportRows<VolumeRow> | string> {
    const rows = await this.volume.rows(q);
    return answer(res, q, accept, { from: q.from, to: q.to, rows }, volumeTable(rows));
  }
}
