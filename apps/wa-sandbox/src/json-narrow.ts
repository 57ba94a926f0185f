/** Narrowing helpers for untrusted JSON (request bodies, webhook payloads). */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringField(obj: JsonObject, key: string): string | undefined {
  const value = obj[key];
  return typeof value === 'string' ? value : undefined;
}

/** Length in characters as a user sees them counted (code points, so an emoji counts once). */
export function charLength(text: string): number {
  return Array.from(text).length;
}
