/**
 * Serializes JSON the way Meta's webhook bodies and Graph responses look on the wire (PHP `json_encode`
 * defaults): compact, `/` escaped as `\/`, and every non-ASCII UTF-16 code unit escaped as `\uXXXX` with
 * lowercase hex. Signatures are computed over these exact bytes, so receivers that hash re-serialized JSON
 * break on the first accent or emoji — which is what the sandbox must expose.
 */
export function metaJsonStringify(value: unknown): string {
  return escapeLikeMeta(toJson(value, undefined));
}

/** Same escaping, pretty-printed like PHP's JSON_PRETTY_PRINT (4 spaces); used to test receivers. */
export function metaJsonStringifyPretty(value: unknown): string {
  return escapeLikeMeta(toJson(value, 4));
}

function toJson(value: unknown, indent: number | undefined): string {
  const json: string | undefined = JSON.stringify(value, null, indent);
  if (json === undefined) throw new TypeError('metaJsonStringify: value is not JSON-serializable');
  return json;
}

// `/` and non-ASCII only ever occur inside JSON strings, so a global replace on the output is safe.
// Matching single UTF-16 code units (no `u` flag) turns emoji into surrogate pairs, as PHP does.
const NEEDS_ESCAPE = /[\u0080-\uffff/]/g;

function escapeLikeMeta(json: string): string {
  return json.replace(NEEDS_ESCAPE, (ch) =>
    ch === '/' ? '\\/' : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
