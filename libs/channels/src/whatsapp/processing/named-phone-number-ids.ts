const own = (x: unknown, key: string): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && Object.prototype.hasOwnProperty.call(x, key);

/** One level of arrays is opened, anything else is taken as a one-item list (SQL/JSON path "lax" mode). */
const items = (xs: unknown[]): unknown[] => xs.flatMap((x) => (Array.isArray(x) ? x : [x]));
const member = (xs: unknown[], key: string): unknown[] =>
  items(xs).flatMap((x) => (own(x, key) ? [x[key]] : []));

/**
 * The phone number ids a webhook body names: every `entry[*].changes[*].value.metadata.phone_number_id` that is a
 * string, whatever the change's field. Read the way the SQL function switchboard_webhook_phone_number_ids reads
 * it (lax JSON path), so deliveries resolved here and rows backfilled by that function mean the same thing.
 */
export function namedPhoneNumberIds(body: unknown): string[] {
  const changes = items(member(items(member([body], 'entry')), 'changes'));
  const ids = member(member(member(changes, 'value'), 'metadata'), 'phone_number_id');
  return [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
}
