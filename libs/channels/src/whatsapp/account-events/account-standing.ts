import { record, str } from '../json-value';
import type { AccountChange } from './account-change';

/** What an account change says about the account's standing with Meta: a problem to alert on, its end, or neither. */
export type Standing = { raise: Record<string, unknown> } | { resolve: Record<string, unknown> } | null;

/** account_update events that restrict what the account may do (Meta's account_update reference). */
const RESTRICTING = new Set(['ACCOUNT_VIOLATION', 'ACCOUNT_RESTRICTION', 'DISABLED_UPDATE']);
/** account_alerts severities worth a person's attention; INFORMATIONAL ones stay on the history only. */
const ALERTING_SEVERITIES = new Set(['CRITICAL', 'WARNING']);

/**
 * Bans (DISABLED_UPDATE with ban_info), restrictions and violations, and active account_alerts of warning or critical
 * severity raise an `account` alert on the numbers they act on; a reinstatement (ban_info.waba_ban_state REINSTATE)
 * or a restriction change that lists no restriction any more resolves it.
 */
export function accountStanding(change: AccountChange): Standing {
  const v = change.value;
  if (change.field === 'account_alerts') {
    const info = record(v.alert_info) ?? {};
    const severity = str(info.alert_severity);
    const active = (str(info.alert_status) ?? 'ACTIVE') === 'ACTIVE';
    return active && severity && ALERTING_SEVERITIES.has(severity)
      ? {
          raise: {
            field: change.field,
            metaEvent: str(info.alert_type) ?? null,
            severity,
            description: str(info.alert_description) ?? null,
          },
        }
      : null;
  }
  if (change.field !== 'account_update') return null;
  const event = str(v.event);
  if (!event || !RESTRICTING.has(event)) return null;
  const detail = { field: change.field, metaEvent: event };
  if (event === 'DISABLED_UPDATE') {
    const ban = record(v.ban_info) ?? {};
    const states = (Array.isArray(ban.waba_ban_state) ? ban.waba_ban_state : [ban.waba_ban_state]).map(str);
    if (states.includes('REINSTATE')) return { resolve: { ...detail, banState: 'REINSTATE' } };
    return {
      raise: { ...detail, banState: states.find(Boolean) ?? null, banDate: str(ban.waba_ban_date) ?? null },
    };
  }
  if (event === 'ACCOUNT_RESTRICTION') {
    const restrictions = Array.isArray(v.restriction_info) ? v.restriction_info : [];
    if (!restrictions.length) return { resolve: { ...detail, restrictions: [] } };
    return {
      raise: {
        ...detail,
        restrictions: restrictions.map((r) => str(record(r)?.restriction_type) ?? null),
      },
    };
  }
  return {
    raise: { ...detail, violationType: str(record(v.violation_info)?.violation_type) ?? null },
  };
}
