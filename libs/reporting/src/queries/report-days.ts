const DAY_MS = 86_400_000;

/** A report range split for the daily rollups: the whole UTC days inside it, and the partial days at its ends. */
export interface ReportDays {
  /** First whole day (inclusive) and the day after the last (exclusive), `YYYY-MM-DD`; equal when none. */
  days: [string, string];
  /** The instants before the first whole day and after the last, read from the facts themselves. */
  edges: [[string, string], [string, string]];
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const iso = (ms: number) => new Date(ms).toISOString();

export function reportDays(from: string, to: string): ReportDays {
  const start = Date.parse(from);
  const end = Date.parse(to);
  const firstDay = Math.ceil(start / DAY_MS) * DAY_MS;
  const lastDay = Math.floor(end / DAY_MS) * DAY_MS;
  if (firstDay >= lastDay)
    return {
      days: [dayOf(firstDay), dayOf(firstDay)],
      edges: [
        [iso(start), iso(end)],
        [iso(end), iso(end)],
      ],
    };
  return {
    days: [dayOf(firstDay), dayOf(lastDay)],
    edges: [
      [iso(start), iso(firstDay)],
      [iso(lastDay), iso(end)],
    ],
  };
}
