import {
  BacklogRow,
  DurationFigures,
  OverviewReport,
  ResponseTimesRow,
  SlaReportRow,
  VolumeRow,
} from '@switchboard/contracts';
import { CsvCell } from './csv';

/** Each report as a CSV table: a header and rows of cells. */
export interface CsvTable {
  header: string[];
  rows: CsvCell[][];
}

export const overviewTable = (o: OverviewReport): CsvTable => ({
  header: ['from', 'to', 'open', 'in_progress', 'waiting_on_customer', 'overdue', 'opened', 'closed'],
  rows: [[o.from, o.to, o.open, o.inProgress, o.waitingOnCustomer, o.overdue, o.opened, o.closed]],
});

export const backlogTable = (rows: BacklogRow[]): CsvTable => ({
  header: ['department_id', 'department_name', 'stage_key', 'stage_name', 'stage_category', 'count'],
  rows: rows.map((r) => [
    r.departmentId,
    r.departmentName,
    r.stageKey,
    r.stageName,
    r.stageCategory,
    r.count,
  ]),
});

const figures = (f: DurationFigures): CsvCell[] => [f.count, f.medianMs, f.p90Ms];
export const responseTimesTable = (rows: ResponseTimesRow[]): CsvTable => ({
  header: [
    'key',
    'name',
    'first_response_count',
    'first_response_median_ms',
    'first_response_p90_ms',
    'next_response_count',
    'next_response_median_ms',
    'next_response_p90_ms',
    'resolution_count',
    'resolution_median_ms',
    'resolution_p90_ms',
  ],
  rows: rows.map((r) => [
    r.key,
    r.name,
    ...figures(r.firstResponse),
    ...figures(r.nextResponse),
    ...figures(r.resolution),
  ]),
});

export const slaTable = (rows: SlaReportRow[]): CsvTable => ({
  header: ['key', 'name', 'met', 'breached', 'met_percent'],
  rows: rows.map((r) => [r.key, r.name, r.met, r.breached, r.metPercent]),
});

export const volumeTable = (rows: VolumeRow[]): CsvTable => ({
  header: ['number_id', 'name', 'department_id', 'hour', 'inbound', 'outbound'],
  rows: rows.map((r) => [r.numberId, r.name, r.departmentId, r.hour, r.inbound, r.outbound]),
});
