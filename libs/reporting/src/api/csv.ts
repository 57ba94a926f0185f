export type CsvCell = string | number | null;

/** Spreadsheets run a cell starting with one of these as a formula; such a cell gets a leading `'`. */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

function cell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = value.length && FORMULA_START.has(value[0]) ? `'${value}` : value;
  // RFC 4180: a field holding a quote, comma or line break is quoted, its quotes doubled.
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A CSV document (RFC 4180: CRLF line ends, a header line) that is safe to open in a spreadsheet. */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
