import { ArgumentMetadata, BadRequestException, PipeTransform } from '@nestjs/common';

const NUL = String.fromCharCode(0);
/** Path segments from the request are echoed at most this long. */
const MAX_ECHO = 60;
const shorten = (name: string) => (name.length > MAX_ECHO ? `${name.slice(0, MAX_ECHO)}…` : name);

/**
 * Refuses a NUL character (U+0000) anywhere in a route's body, query or path parameters, with a 400 naming where:
 * PostgreSQL text and jsonb cannot hold it, so it would otherwise fail as a 500 at the first write. Global, so every
 * route is covered before its own validation runs. The walk is iterative (a 1 MB body may nest deeper than the
 * stack) and visits each value once. The webhook receiver is plain Express, not a route, and keeps its own rule.
 */
export class RefuseNulPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const where = nulAt(value);
    if (where === null) return value;
    const field = [metadata.data, ...where].filter((p) => p !== undefined && p !== '').join('.') || '(body)';
    const message = `${field}: must not contain a NUL character (U+0000)`;
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message,
      problems: [{ field, problem: 'must not contain a NUL character (U+0000)' }],
    });
  }
}

/** The path to the first string (value or key) holding NUL, or null when none does. */
function nulAt(root: unknown): string[] | null {
  const stack: { value: unknown; path: string[] }[] = [{ value: root, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes(NUL)) return path;
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, path: [...path, String(i)] }));
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const at = [...path, shorten(k.split(NUL).join('\\u0000'))];
        if (k.includes(NUL)) return at;
        stack.push({ value: v, path: at });
      }
    }
  }
  return null;
}
