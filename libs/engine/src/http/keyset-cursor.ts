import { BadRequestException } from '@nestjs/common';

/** Keyset cursors: opaque to clients, (timestamp, id) inside. */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at);
  if (!id || Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) return null;
  return { at: date, id };
}

/** The cursor a client sent in `field`, or null when absent; 400 when it is not one this API issued. */
export function readCursor(value: string | undefined, field: string): { at: Date; id: string } | null {
  const cursor = decodeCursor(value);
  if (value && !cursor) throw new BadRequestException(`${field}: is not a cursor returned by this API`);
  return cursor;
}

/**
 * Cuts a page from rows fetched with `limit + 1`: the extra row only tells that more exist, and the cursor
 * points after the last row of the page.
 */
export function keysetPage<R>(
  rows: R[],
  limit: number,
  keyOf: (row: R) => { at: Date; id: string },
): { rows: R[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  if (rows.length <= limit) return { rows: page, nextCursor: null };
  const key = keyOf(page[page.length - 1]);
  return { rows: page, nextCursor: encodeCursor(new Date(key.at), key.id) };
}
