import { createHash } from 'node:crypto';
import { record, str, unixTime } from '../json-value';
import type { NumberCredentials } from '../numbers/number-registry.service';
import { signedBy } from '../processing/signed-by';
import { AccountChange, digits } from './account-change';
import { AccountField, namesOneNumber } from './account-fields';

/** A registered number of a WABA, with what Meta's account fields name it by. */
export interface WabaNumber {
  credentials: NumberCredentials;
  displayPhoneNumber: string;
}

export type WabaNumbersLookup = (wabaId: string) => Promise<WabaNumber[]>;

interface Signature {
  fingerprint: string;
  receivedAt: Date;
}

/**
 * Which numbers one account or template change may act on, or why it acts on none (kept as "not handled" on the
 * delivery). Only numbers whose app secret signed the delivery count: another app's delivery never changes ours.
 */
export async function resolveAccountChange(
  path: string,
  field: AccountField,
  entry: { id?: string; time?: unknown },
  rawValue: unknown,
  wabaNumbers: WabaNumbersLookup,
  signature: Signature,
): Promise<{ change: AccountChange } | { unhandled: string }> {
  const value = record(rawValue);
  if (!value) return { unhandled: `${field} value is not an object` };
  const wabaId = entry.id;
  if (!wabaId) return { unhandled: `${field} without entry id (the WABA)` };
  const all = await wabaNumbers(wabaId);
  const signed = all.filter((n) => signedBy(n.credentials, signature.fingerprint, signature.receivedAt));
  if (!all.length) return { unhandled: `WABA ${wabaId} has no registered number` };
  if (!signed.length)
    return {
      unhandled: `WABA ${wabaId} has no registered number of the app that signed this delivery (another app's secret)`,
    };
  const named = namedNumber(field, value);
  let acting = signed;
  if (named) {
    acting = signed.filter((n) =>
      named.by === 'phone_number_id'
        ? n.credentials.phoneNumberId === named.id
        : digits(n.displayPhoneNumber) === digits(named.id),
    );
    if (!acting.length) {
      const known = all.some((n) =>
        named.by === 'phone_number_id'
          ? n.credentials.phoneNumberId === named.id
          : digits(n.displayPhoneNumber) === digits(named.id),
      );
      return {
        unhandled: known
          ? `${named.by} ${named.id} of WABA ${wabaId} belongs to another app: the delivery was signed with a different app secret`
          : `${named.by} ${named.id} is not a registered number of WABA ${wabaId}`,
      };
    }
  } else if (namesOneNumber(field)) return { unhandled: `${field} names no phone number` };
  return {
    change: {
      path,
      contentKey: contentKey(field, wabaId, entry.time, rawValue),
      namesNumber: named !== null,
      field,
      wabaId,
      numbers: acting.map((n) => ({
        id: n.credentials.id,
        phoneNumberId: n.credentials.phoneNumberId,
        disabled: n.credentials.disabled,
      })),
      value,
      occurredAt: unixTime(entry.time) ?? itemTime(value),
    },
  };
}

/** The one number a change is about, when it names one (WABA-wide fields may or may not). */
function namedNumber(
  field: AccountField,
  value: Record<string, unknown>,
): { by: 'phone_number_id' | 'display_phone_number'; id: string } | null {
  const phoneNumberId = str(record(value.metadata)?.phone_number_id);
  if (phoneNumberId) return { by: 'phone_number_id', id: phoneNumberId };
  switch (field) {
    case 'phone_number_quality_update':
    case 'phone_number_name_update':
    case 'security': {
      const display = str(value.display_phone_number);
      return display ? { by: 'display_phone_number', id: display } : null;
    }
    case 'account_update': {
      const display = str(value.phone_number);
      return display ? { by: 'display_phone_number', id: display } : null;
    }
    case 'account_alerts': {
      const id = str(value.entity_id);
      return value.entity_type === 'PHONE_NUMBER' && id ? { by: 'phone_number_id', id } : null;
    }
    default:
      return null;
  }
}

/** user_preferences carries its time per item (entry[].time may be absent): the latest of them. */
function itemTime(value: Record<string, unknown>): Date | null {
  const items = Array.isArray(value.user_preferences) ? value.user_preferences : [];
  const times = items.flatMap((i) => {
    const t = unixTime(record(i)?.timestamp);
    return t ? [t.getTime()] : [];
  });
  return times.length ? new Date(Math.max(...times)) : null;
}

/**
 * What identifies one change across deliveries: Meta retries an unacknowledged (or slow) delivery with the same
 * body, which intake stores as a new delivery. Two distinct changes with the same field, WABA, time and value are
 * indistinguishable, and applying either once is what Meta meant.
 */
function contentKey(field: string, wabaId: string, time: unknown, value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([field, wabaId, time ?? null, value]))
    .digest('hex');
}
