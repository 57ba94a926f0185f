/**
 * Event texts parsed once for the whole measuring process: every socket of a department receives the same text for
 * each event, so with 200 sockets in one process each event would otherwise be parsed about 67 times (the client's
 * largest cost, and its delays count as latency). Handlers only read what they are given.
 */

/** Parsed event packets by their text; cleared when it grows past LIMIT (a run's texts are never reused). */
const parsed = new Map<string, readonly unknown[]>();
const LIMIT = 20_000;

/** `["name", ...args]` of an event packet's JSON text, or null when it is not one. */
export function eventArgs(json: string): readonly unknown[] | null {
  let args = parsed.get(json);
  if (args) return args;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (!Array.isArray(value) || typeof value[0] !== 'string') return null;
  args = value;
  if (parsed.size >= LIMIT) parsed.clear();
  parsed.set(json, args);
  return args;
}
