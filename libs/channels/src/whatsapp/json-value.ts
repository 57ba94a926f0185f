/** Reading Meta's loosely typed JSON (webhook values, Graph answers) without trusting its shape. */

/** A string as sent, or a number as its decimal string; undefined for anything else. */
export const str = (raw: unknown): string | undefined =>
  typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : undefined;

/** A plain JSON object; undefined for arrays, null and scalars. */
export const record = (raw: unknown): Record<string, unknown> | undefined =>
  typeof raw === 'object' && raw !== null && !Array.isArray(raw)
    ? (raw as Record<string, unknown>)
    : undefined;

/** Unix seconds as Meta sends them, as a number or a numeric string; null when absent or not a time. */
export function unixTime(raw: unknown): Date | null {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  return Number.isFinite(n) && n > 0 ? new Date(n * 1000) : null;
}
