import { ArgumentMetadata, BadRequestException, PipeTransform } from '@nestjs/common';

const NUL = String.fromCharCode(0);
/** Path segments from the request are echoed at most this long. */
const MAX_ECHO = 60;
const shorten = (name: string) => (name.length > MAX_ECHO ? `${name.slice(0, MAX_ECHO)}…` : name);
/** A path deeper than this is named by its start and end: the answer stays small however deep the input nests. */
const MAX_PATH = 200;
const shortenPath = (path: string) =>
  path.length > MAX_PATH ? `${path.slice(0, MAX_PATH / 2)}…${path.slice(-MAX_PATH / 2)}` : path;

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
    const field =
      shortenPath([metadata.data, ...where].filter((p) => p !== undefined && p !== '').join('.')) || '(body)';
    const message = `${field}: must not contain a NUL character (U+0000)`;
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message,
      problems: [{ field, problem: 'must not contain a NUL character (U+0000)' }],
    });
  }
}

/** A value still to visit; its path is kept as a link to its parent, built only for the one that holds NUL. */
interface Visit {
  value: unknown;
  key: string | null;
  parent: Visit | null;
}

const pathOf = (visit: Visit): string[] => {
  const path: string[] = [];
  for (let v: Visit | null = visit; v; v = v.parent) if (v.key !== null) path.push(v.key);
  return path.reverse();
};

/**
 * The path to the first string (value or key) holding NUL, or null when none does. Linear in the size of the input,
 * however deep it nests: no visit copies its parent's path.
 */
function nulAt(root: unknown): string[] | null {
  const stack: Visit[] = [{ value: root, key: null, parent: null }];
  while (stack.length) {
    const visit = stack.pop()!;
    const { value } = visit;
    if (typeof value === 'string') {
      if (value.includes(NUL)) return pathOf(visit);
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, key: String(i), parent: visit }));
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const child: Visit = { value: v, key: shorten(k.split(NUL).join('\\u0000')), parent: visit };
        if (k.includes(NUL)) return pathOf(child);
        stack.push(child);
      }
    }
  }
  return null;
}
