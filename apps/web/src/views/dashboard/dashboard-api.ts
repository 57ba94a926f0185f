import { refreshSession } from '../../api/client';
import { ApiError, errorDetail } from '../../api/errors';
import { bodyOf, http, type Outcome } from '../../api/http';
import type { components } from '../../api/schema';
import { readToken } from '../../api/token';

type Schemas = components['schemas'];
export type OverviewReport = Schemas['OverviewReportDto'];
export type BacklogReport = Schemas['BacklogReportDto'];
export type ResponseTimesReport = Schemas['ResponseTimesReportDto'];
export type SlaReport = Schemas['SlaReportDto'];
export type VolumeReport = Schemas['VolumeReportDto'];
export type TimesGroup = 'agent' | 'team' | 'department' | 'number';
export type SlaGroup = 'agent' | 'team' | 'department';

/** What every report takes: the range (from inclusive, to exclusive) and, optionally, one department. */
export interface ReportRange {
  from: string;
  to: string;
  departmentId?: string;
}

/** The report routes, for CSV export (the same query answers CSV with `format=csv`). */
export type ReportPath =
  | '/api/reports/overview'
  | '/api/reports/backlog'
  | '/api/reports/response-times'
  | '/api/reports/sla'
  | '/api/reports/volume';

/** A call with the current token; a refused token is renewed once from the refresh cookie, then tried again. */
async function withSession<O extends Outcome>(call: () => Promise<O>): Promise<O> {
  const first = await call();
  if (first.response.status !== 401 || !(await refreshSession())) return first;
  return call();
}

export const reports = {
  overview: async (query: ReportRange): Promise<OverviewReport> =>
    bodyOf(await withSession(() => http.GET('/api/reports/overview', { params: { query } }))),
  backlog: async (query: ReportRange): Promise<BacklogReport> =>
    bodyOf(await withSession(() => http.GET('/api/reports/backlog', { params: { query } }))),
  responseTimes: async (query: ReportRange & { groupBy: TimesGroup }): Promise<ResponseTimesReport> =>
    bodyOf(await withSession(() => http.GET('/api/reports/response-times', { params: { query } }))),
  sla: async (query: ReportRange & { groupBy: SlaGroup }): Promise<SlaReport> =>
    bodyOf(await withSession(() => http.GET('/api/reports/sla', { params: { query } }))),
  volume: async (query: ReportRange): Promise<VolumeReport> =>
    bodyOf(await withSession(() => http.GET('/api/reports/volume', { params: { query } }))),
};

/** A GET with the access token (renewed once when refused), for answers the typed client does not cover. */
async function authorizedGet(url: string, accept: string): Promise<Response> {
  const get = () => {
    const token = readToken();
    const headers: Record<string, string> = { Accept: accept };
    if (token) headers.Authorization = `Bearer ${token}`;
    return fetch(url, { headers, credentials: 'same-origin', signal: AbortSignal.timeout(15_000) });
  };
  const first = await get();
  if (first.status !== 401 || !(await refreshSession())) return first;
  return get();
}

/** A report as CSV, as the api writes it: the file the export button saves. */
export async function reportCsv(path: ReportPath, query: Record<string, string>): Promise<Blob> {
  const res = await authorizedGet(`${path}?${new URLSearchParams({ ...query, format: 'csv' })}`, 'text/csv');
  // The api's reason (a 422 naming the field, a 403), not only the status line.
  if (!res.ok)
    throw new ApiError('http', errorDetail(await res.json().catch(() => null), res.statusText), res.status);
  return res.blob();
}

/** A lookup's answer, or null when this user may not read it (403): names then fall back to short ids. */
async function optional<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch {
    return null;
  }
}

export const lookups = {
  // Admins only: everyone else names departments by their memberships (which carry the names).
  departments: () =>
    optional(async () =>
      bodyOf(await withSession(() => http.GET('/api/departments', { params: { query: { limit: 200 } } }))),
    ),
};
