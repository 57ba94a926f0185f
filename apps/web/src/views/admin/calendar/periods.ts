import type { BusinessCalendar } from '../admin-api';

export type Period = BusinessCalendar['weekly']['mon'][number];

const PERIOD = /^(\d{2}:\d{2})\s*[-–]\s*(\d{2}:\d{2})$/;

/** A day's periods as one line an admin edits: `09:00-12:00, 13:00-18:00`; empty when closed. */
export function formatPeriods(periods: Period[]): string {
  return periods.map((p) => `${p.open}-${p.close}`).join(', ');
}

/** The periods of such a line, or null when a part is not `HH:MM-HH:MM` (the api checks order and overlaps). */
export function parsePeriods(text: string): Period[] | null {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const periods: Period[] = [];
  for (const part of parts) {
    const match = PERIOD.exec(part);
    if (!match) return null;
    periods.push({ open: match[1], close: match[2] });
  }
  return periods;
}
