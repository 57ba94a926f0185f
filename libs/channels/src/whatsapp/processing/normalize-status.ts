import { META_STATUSES, MetaStatus, StatusUpdateInput } from '@switchboard/conversations';
import { toMessageError, UnusableItemError } from './normalize-inbound-message';
import { describeIssues } from './describe-issues';
import { statusSchema } from './webhook-payload.schema';

const OUR_ID = /^sb:([0-9a-f-]{36})$/;

export function normalizeStatus(raw: unknown): StatusUpdateInput {
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
