/** A preset, or two calendar days (inclusive) picked by hand. Days are the reader's local days. */
export type RangePreset = 'today' | '7d' | '30d' | 'custom';

export interface RangeChoice {
  preset: RangePreset;
  /** yyyy-mm-dd, for `custom`. */
  fromDay: string;
  toDay: string;
}

const DAY_PRESETS: Record<Exclude<RangePreset, 'custom'>, number> = { today: 1, '7d': 7, '30d': 30 };

/** yyyy-mm-dd of a local date. */
export function dayOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function localMidnight(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d);
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/**
 * The api's range for a choice: from the first day's local midnight (inclusive) to the midnight after the last day
 * (exclusive), so "today" also counts what happens later today. Null when a custom range is incomplete or reversed.
 */
export function rangeOf(choice: RangeChoice, now = new Date()): { from: string; to: string } | null {
  if (choice.preset !== 'custom') {
    const tomorrow = addDays(now, 1);
    const first = addDays(tomorrow, -DAY_PRESETS[choice.preset]);
    return { from: first.toISOString(), to: tomorrow.toISOString() };
  }
  if (!choice.fromDay || !choice.toDay || choice.toDay < choice.fromDay) return null;
  return {
    from: localMidnight(choice.fromDay).toISOString(),
    to: addDays(localMidnight(choice.toDay), 1).toISOString(),
  };
}
