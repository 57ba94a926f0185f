/** Webhook fields processed as account or template events (every other non-`messages` field is kept as not handled). */
export const TEMPLATE_FIELDS = [
  'message_template_status_update',
  'message_template_quality_update',
  'template_category_update',
  'message_template_components_update',
] as const;
export const NUMBER_FIELDS = ['phone_number_quality_update', 'phone_number_name_update', 'security'] as const;
export const WABA_FIELDS = ['account_update', 'account_alerts', 'business_capability_update'] as const;
export const CONSENT_FIELDS = ['user_preferences'] as const;

export type TemplateField = (typeof TEMPLATE_FIELDS)[number];
export type AccountField =
  | TemplateField
  | (typeof NUMBER_FIELDS)[number]
  | (typeof WABA_FIELDS)[number]
  | (typeof CONSENT_FIELDS)[number];

const ALL: readonly string[] = [...TEMPLATE_FIELDS, ...NUMBER_FIELDS, ...WABA_FIELDS, ...CONSENT_FIELDS];

export const isAccountField = (field: string): field is AccountField => ALL.includes(field);
export const isTemplateField = (field: string): field is TemplateField =>
  (TEMPLATE_FIELDS as readonly string[]).includes(field);

/** A number an account change acts on: registered, and its app secret signed the delivery. */
export interface AccountChangeNumber {
  id: string;
  phoneNumberId: string;
}

/** One account or template change of a delivery, resolved to what it may act on (no writes yet). */
export interface AccountChange {
  /** `entry[i].changes[j]`: with the delivery id, what makes a replay record nothing new. */
  path: string;
  field: AccountField;
  /** `entry[].id`: the WABA. */
  wabaId: string;
  /** The numbers of that WABA it acts on (only ones whose app secret signed the delivery). */
  numbers: AccountChangeNumber[];
  value: Record<string, unknown>;
  /** Meta's time for the change: `entry[].time` (unix seconds); items may carry their own. */
  occurredAt: Date | null;
}

/** Unix seconds as Meta sends them, as a number or a numeric string; null when absent or not a time. */
export function unixTime(raw: unknown): Date | null {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  return Number.isFinite(n) && n > 0 ? new Date(n * 1000) : null;
}

export const str = (raw: unknown): string | undefined =>
  typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : undefined;

export const record = (raw: unknown): Record<string, unknown> | undefined =>
  typeof raw === 'object' && raw !== null && !Array.isArray(raw)
    ? (raw as Record<string, unknown>)
    : undefined;

/** Phone numbers compared by their digits: Meta's display_phone_number has none of the formatting we may store. */
export const digits = (raw: string): string => raw.replace(/\D/g, '');
