/**
 * The database's own reason for an error, without what carries customer content: the SQL text MikroORM
 * prepends and PostgreSQL's `detail` ("Failing row contains …") that the converter appends.
 */
export function dbErrorReason(e: unknown): string {
  const err = e as { message?: string; code?: string };
  const head = (err.message ?? String(e)).split('\n - detail:')[0].split('\n - hint:')[0];
  const cut = head.lastIndexOf(' - ');
  const reason = cut >= 0 ? head.slice(cut + 3) : head;
  return `${reason.slice(0, 300)}${err.code ? ` (SQLSTATE ${err.code})` : ''}`;
}
