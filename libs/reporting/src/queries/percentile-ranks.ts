/** A group's count and the rounded durations at both sides of its median's and p90's ranks (bigint as text). */
export interface Ranks {
  count: number;
  medianLow: string;
  medianHigh: string;
  p90Low: string;
  p90High: string;
}

const FRACTION = { median: 0.5, p90: 0.9 } as const;

/**
 * `percentile_cont` over the group's (rounded) durations: at rank f × (count − 1), counted from 0, linear
 * interpolation between the values at the ranks below and above.
 */
export function interpolated(r: Ranks, which: keyof typeof FRACTION): number | null {
  if (r.count === 0) return null;
  const rank = FRACTION[which] * (r.count - 1);
  const low = Number(which === 'median' ? r.medianLow : r.p90Low);
  const high = Number(which === 'median' ? r.medianHigh : r.p90High);
  return low + (rank - Math.floor(rank)) * (high - low);
}
