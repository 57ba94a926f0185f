import type { AccountField } from './account-fields';

/** A number an account change acts on: registered, and its app secret signed the delivery. */
export interface AccountChangeNumber {
  id: string;
  phoneNumberId: string;
  /** Disabled or archived by an admin: the delivery is held, not applied. */
  disabled: boolean;
}

/** One account or template change of a delivery, resolved to what it may act on (no writes yet). */
export interface AccountChange {
  /** `entry[i].changes[j]`: with the delivery id, what makes a replay record nothing new. */
  path: string;
  /**
   * sha256 of field, WABA, `entry[].time` and the change's value as sent: the same in every delivery of it, so
   * Meta's retries (stored as new deliveries) record nothing new either.
   */
  contentKey: string;
  field: AccountField;
  /** `entry[].id`: the WABA. */
  wabaId: string;
  /** It names one number (by phone_number_id or display number) rather than acting on the whole WABA. */
  namesNumber: boolean;
  /** The numbers of that WABA it acts on (only ones whose app secret signed the delivery). */
  numbers: AccountChangeNumber[];
  value: Record<string, unknown>;
  /** Meta's time for the change: `entry[].time` (unix seconds); items may carry their own. */
  occurredAt: Date | null;
}

/** Phone numbers compared by their digits: Meta's display_phone_number has none of the formatting we may store. */
export const digits = (raw: string): string => raw.replace(/\D/g, '');
