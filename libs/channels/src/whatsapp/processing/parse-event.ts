import { InboundMessageInput, StatusUpdateInput } from '@switchboard/conversations';
import { AccountChange } from '../account-events/account-change';
import { isAccountField } from '../account-events/account-fields';
import { resolveAccountChange, WabaNumbersLookup } from '../account-events/resolve-account-change';
import { InboundItemFailure, UnhandledChange } from '../entities/inbound-event.entity';
import { NumberCredentials } from '../numbers/number-registry.service';
import { normalizeInboundMessage, toMessageError, UnusableItemError } from './normalize-inbound-message';
import { describeIssues } from './describe-issues';
import { namedPhoneNumberIds } from './named-phone-number-ids';
import { normalizeStatus } from './normalize-status';
import { signedBy } from './signed-by';
import { envelopeSchema, messagesValueSchema } from './webhook-payload.schema';

export interface ParsedItem<T> {
  path: string;
  raw: unknown;
  value: T;
  /** metadata.phone_number_id of the change the item came in: the only number it may act on. */
  phoneNumberId: string;
}

/** A stored webhook, split into what can be recorded and what is kept as a failure (with its path and reason). */
export interface ParsedEvent {
  eventId: string;
  items: number;
  failures: InboundItemFailure[];
  messages: ParsedItem<InboundMessageInput>[];
  statuses: ParsedItem<StatusUpdateInput>[];
  /** Account and template changes (fields other than `messages`) with the numbers each may act on. */
  accountChanges: AccountChange[];
  /** Changes nothing processes (unknown fields, unknown WABAs…): visible on the delivery, never failures. */
  unhandled: UnhandledChange[];
  /** Registered numbers of the signing app that the body names: whose departments may see the delivery. */
  numberIds: string[];
  /** The body also names a phone number id that is not a registered number of the signing app. */
  namesUnownedNumber: boolean;
  /** It names a number an admin disabled: the delivery is held, not processed, until the number is enabled. */
  namesDisabledNumber: boolean;
}

type NumberLookup = (phoneNumberId: string) => Promise<NumberCredentials | undefined>;

/** PostgreSQL cannot store U+0000 in text or jsonb: keep the message, with U+FFFD in its place. */
const NUL = String.fromCharCode(0);
const noNul = (_key: string, value: unknown) =>
  typeof value === 'string' && value.includes(NUL) ? value.split(NUL).join('\ufffd') : value;

/**
 * Pure validation and routing of one webhook body: no writes. Everything that makes an item unusable is found
 * here, so recording can run without savepoints.
 */
export async function parseEvent(
  eventId: string,
  rawBody: string,
  secretFingerprint: string,
  numbers: NumberLookup,
  { receivedAt, wabaNumbers }: { receivedAt: Date; wabaNumbers: WabaNumbersLookup },
): Promise<ParsedEvent> {
  const out: ParsedEvent = {
    eventId,
    items: 0,
    failures: [],
    messages: [],
    statuses: [],
    accountChanges: [],
    unhandled: [],
    numberIds: [],
    namesUnownedNumber: false,
    namesDisabledNumber: false,
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody, noNul);
  } catch (e) {
    out.failures.push({ path: '(body)', reason: `malformed JSON: ${(e as Error).message}` });
    return out;
  }
  // Resolved before validation: a body that is JSON but not a valid envelope still names numbers (and departments).
  for (const phoneNumberId of namedPhoneNumberIds(parsed)) {
    const number = await numbers(phoneNumberId);
    if (number && signedBy(number, secretFingerprint, receivedAt)) {
      out.numberIds.push(number.id);
      if (number.disabled) out.namesDisabledNumber = true;
    } else out.namesUnownedNumber = true;
  }
  const envelope = envelopeSchema.safeParse(parsed);
  if (!envelope.success || envelope.data.object !== 'whatsapp_business_account') {
    out.failures.push({
      path: '(body)',
      reason: envelope.success
        ? `unexpected object "${envelope.data.object}" (expected whatsapp_business_account)`
        : `not a WhatsApp webhook envelope: ${describeIssues(envelope.error)}`,
    });
    return out;
  }
  for (const [ei, entry] of envelope.data.entry.entries()) {
    for (const [ci, change] of entry.changes.entries()) {
      const at = `entry[${ei}].changes[${ci}]`;
      if (change.field !== 'messages') {
        const { field } = change;
        if (!isAccountField(field)) {
          out.unhandled.push({ path: at, field, reason: `field "${field}" is not processed by Switchboard` });
          continue;
        }
        const resolved = await resolveAccountChange(at, field, entry, change.value, wabaNumbers, {
          fingerprint: secretFingerprint,
          receivedAt,
        });
        if ('unhandled' in resolved) {
          out.unhandled.push({ path: at, field, reason: resolved.unhandled });
          continue;
        }
        out.items++;
        out.accountChanges.push(resolved.change);
        // The delivery belongs to the departments of the numbers it acts on. One naming a disabled number is held
        // like a message to it (a display_phone_number names it, not metadata, so the scan above misses it);
        // a WABA-wide change is not held for one disabled number of the WABA.
        for (const n of resolved.change.numbers) {
          if (!out.numberIds.includes(n.id)) out.numberIds.push(n.id);
          if (n.disabled && resolved.change.namesNumber) out.namesDisabledNumber = true;
        }
        continue;
      }
      const value = messagesValueSchema.safeParse(change.value);
      if (!value.success) {
        out.failures.push({
          path: `${at}.value`,
          reason: `invalid messages value: ${describeIssues(value.error)}`,
          item: change.value,
        });
        continue;
      }
      const phoneNumberId = value.data.metadata.phone_number_id;
      const number = await numbers(phoneNumberId);
      if (!number || !signedBy(number, secretFingerprint, receivedAt)) {
        out.failures.push({
          path: at,
          reason: !number
            ? `phone_number_id ${phoneNumberId} is not a registered WhatsApp number`
            : `phone_number_id ${phoneNumberId} belongs to another app: the payload was signed with a different app secret`,
          item: change.value,
        });
        continue;
      }
      for (const err of value.data.errors ?? []) {
        const e = toMessageError(err);
        out.failures.push({
          path: `${at}.value.errors`,
          reason: `Meta reported error ${e.code ?? '?'}: ${e.title}${e.details ? ` (${e.details})` : ''}`,
          item: err,
        });
      }
      const contacts = value.data.contacts ?? [];
      for (const [mi, raw] of (value.data.messages ?? []).entries()) {
        out.items++;
        const path = `${at}.value.messages[${mi}]`;
        try {
          const m = normalizeInboundMessage(raw, contacts);
          out.messages.push({
            path,
            raw,
            phoneNumberId,
            value: {
              ...m,
              numberId: number.id,
              departmentId: number.departmentId,
              wabaId: number.wabaId,
              inboundEventId: eventId,
            },
          });
        } catch (e) {
          if (!(e instanceof UnusableItemError)) throw e;
          out.failures.push({ path, reason: e.message, item: raw });
        }
      }
      for (const [si, raw] of (value.data.statuses ?? []).entries()) {
        out.items++;
        const path = `${at}.value.statuses[${si}]`;
        try {
          out.statuses.push({
            path,
            raw,
            phoneNumberId,
            value: { ...normalizeStatus(raw), numberId: number.id },
          });
        } catch (e) {
          if (!(e instanceof UnusableItemError)) throw e;
          out.failures.push({ path, reason: e.message, item: raw });
        }
      }
    }
  }
  return out;
}
