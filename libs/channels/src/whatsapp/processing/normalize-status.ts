import { META_STATUSES, MetaStatus, StatusUpdateInput } from '@switchboard/conversations';
import { toMessageError, UnusableItemError } from './normalize-inbound-message';
import { describeIssues } from './describe-issues';
import { statusSchema } from './webhook-payload.schema';

// A well-formed uuid only, so the lookup can use the primary key (a cast of anything else would fail).
const OUR_ID = /^sb:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function normalizeStatus(raw: unknown): Omit<StatusUpdateInput, 'numberId'> {
  const r = statusSchema.safeParse(raw);
  if (!r.success) {
    throw new UnusableItemError(`status: ${describeIssues(r.error)}`);
  }
  const s = r.data;
  if (!(META_STATUSES as readonly string[]).includes(s.status)) {
    throw new UnusableItemError(
      `status: unknown status "${s.status}" (expected one of ${META_STATUSES.join(', ')})`,
    );
  }
  return {
    wamid: s.id,
    status: s.status as MetaStatus,
    timestamp: new Date(Number(s.timestamp) * 1000),
    error: s.errors?.[0] ? toMessageError(s.errors[0]) : null,
    ourMessageId: OUR_ID.exec(s.biz_opaque_callback_data ?? '')?.[1] ?? null,
    payload: s,
  };
}
