import { z } from 'zod';

/** The longest range a report covers; a longer one is refused as unbounded (the figures would scan everything). */
export const REPORT_MAX_RANGE_DAYS = 400;
const DAY_MS = 86_400_000;

const instant = z.iso.datetime({ offset: true, error: 'an ISO 8601 date-time (e.g. 2026-12-01T00:00:00Z)' });

const rangeShape = {
  /** Start of the range, inclusive. */
  from: instant,
  /** End of the range, exclusive. */
  to: instant,
  departmentId: z.uuid().optional(),
  /** `csv` answers text/csv (as `Accept: text/csv` does). */
  format: z.enum(['json', 'csv']).optional(),
};

/** Reversed, empty and unbounded ranges are refused, each naming `to`. */
function checkRange(v: { from: string; to: string }, ctx: z.RefinementCtx): void {
  const span = Date.parse(v.to) - Date.parse(v.from);
  if (span <= 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
  else if (span > REPORT_MAX_RANGE_DAYS * DAY_MS)
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `the range is unbounded: at most ${REPORT_MAX_RANGE_DAYS} days from from`,
    });
}

/** GET /api/reports/overview, /backlog and /volume. */
export const reportRangeQuery = z.strictObject(rangeShape).superRefine(checkRange);
export type ReportRangeQuery = z.infer<typeof reportRangeQuery>;

export const RESPONSE_TIME_GROUPS = ['agent', 'team', 'department', 'number'] as const;
export type ResponseTimeGroup = (typeof RESPONSE_TIME_GROUPS)[number];

/** GET /api/reports/response-times. */
export const responseTimesQuery = z
  .strictObject({ ...rangeShape, groupBy: z.enum(RESPONSE_TIME_GROUPS).default('department') })
  .superRefine(checkRange);
export type ResponseTimesQuery = z.infer<typeof responseTimesQuery>;

export const SLA_GROUPS = ['agent', 'team', 'department'] as const;
export type SlaGroup = (typeof SLA_GROUPS)[number];

/** GET /api/reports/sla. */
export const slaReportQuery = z
  .strictObject({ ...rangeShape, groupBy: z.enum(SLA_GROUPS).default('department') })
  .superRefine(checkRange);
export type SlaReportQuery = z.infer<typeof slaReportQuery>;

/** Now: conversations not closed, by state, and how many opened and closed within the range. */
export interface OverviewReport {
  from: string;
  to: string;
  /** Every conversation not closed. */
  open: number;
  /** Open, owned by an agent, card not in a waiting-on-customer stage. */
  inProgress: number;
  /** Open, card in a waiting-on-customer stage. */
  waitingOnCustomer: number;
  /** Open with an SLA deadline passed (🔴). */
  overdue: number;
  /** Opened within the range. */
  opened: number;
  /** Closed within the range. */
  closed: number;
}

/** Open conversations per stage, now. */
export interface BacklogRow {
  departmentId: string;
  /** The department's display name; null for one the caller may not read (the row keeps only its id). */
  departmentName: string | null;
  stageKey: string | null;
  /** The stage's name in the department's pipeline; null for no stage, or a key no pipeline there has now. */
  stageName: string | null;
  stageCategory: string | null;
  count: number;
}

/**
 * Median and 90th percentile in business milliseconds of the durations rounded as `DURATION_PRECISION` says (linear
 * interpolation between the two nearest, as `percentile_cont`); null when nothing was measured. `count` is exact.
 */
export interface DurationFigures {
  count: number;
  medianMs: number | null;
  p90Ms: number | null;
}

export interface ResponseTimesRow {
  /** The agent, team, department or number id; null: none (no team, no agent). */
  key: string | null;
  /**
   * The key's display name: the user's name, the team's or department's, the number's display phone number and its
   * verified name in parentheses. Null for no key, or one the caller may not read (the row keeps only its id).
   */
  name: string | null;
  firstResponse: DurationFigures;
  nextResponse: DurationFigures;
  resolution: DurationFigures;
}

/** How response-times figures are rounded: stated in every answer, never silent. */
export interface DurationPrecision {
  /** The largest relative difference between a duration and the value it is counted as. */
  maxRelativeError: number;
  /** The rounding rule, in words. */
  rule: string;
}

/**
 * Response and resolution times are counted per rounded duration (a rollup per day), so a report over a month reads a
 * few thousand counts instead of every response: each duration is rounded to a step of 1/20, 1/10 or 1/5 of its
 * power of ten of milliseconds.
 */
export const DURATION_PRECISION: DurationPrecision = {
  maxRelativeError: 0.025,
  rule:
    'each duration is rounded to the nearest step of 1/20 of its power of ten of milliseconds from 1 to 2 times ' +
    'it, 1/10 from 2 to 5 times, 1/5 from 5 to 10 times (e.g. 63 s counts as 64 s, 12 min 34.567 s as 12 min 40 s); ' +
    'values on those steps (30 s; 1, 2, 3, 5, 8, 10, 20, 30 min; 1 h) are exact; at most 2.5 % off',
};

/** GET /api/reports/response-times: the rows and the rounding their figures were computed with. */
export interface ResponseTimesRows extends ReportRows<ResponseTimesRow> {
  precision: DurationPrecision;
}

export interface SlaReportRow {
  /** The agent, team or department id; null: none (no team, no agent). */
  key: string | null;
  /** The key's display name (as in `ResponseTimesRow.name`); null for no key or one the caller may not read. */
  name: string | null;
  met: number;
  breached: number;
  /** met / (met + breached) × 100, one decimal; null when no clock ended. */
  metPercent: number | null;
}

export interface VolumeRow {
  numberId: string;
  /** The number's display phone number and verified name (as in `ResponseTimesRow.name`); null when not readable. */
  name: string | null;
  departmentId: string;
  /** Start of the hour, ISO (UTC). */
  hour: string;
  inbound: number;
  outbound: number;
}

export interface ReportRows<T> {
  from: string;
  to: string;
  rows: T[];
}
