/**
 * Webhook fields processed as account or template events, grouped by the handler that applies them (every other
 * non-`messages` field is kept as not handled).
 */
export const TEMPLATE_FIELDS = [
  'message_template_status_update',
  'message_template_quality_update',
  'template_category_update',
  'message_template_components_update',
] as const;
/** The number's own fields (rating, tier, name): NumberEventsHandler. */
export const NUMBER_FIELDS = ['phone_number_quality_update', 'phone_number_name_update'] as const;
/** Recorded on the numbers' history (bans, alerts, capabilities, security): AccountStatusHandler. */
export const ACCOUNT_STATUS_FIELDS = [
  'account_update',
  'account_alerts',
  'business_capability_update',
  'security',
] as const;
export const CONSENT_FIELDS = ['user_preferences'] as const;

/** Fields about one number: without a number they name (phone_number_id or display number) they act on none. */
export const NAMES_ONE_NUMBER = [
  'phone_number_quality_update',
  'phone_number_name_update',
  'security',
] as const;

export type TemplateField = (typeof TEMPLATE_FIELDS)[number];
export type NumberField = (typeof NUMBER_FIELDS)[number];
export type AccountStatusField = (typeof ACCOUNT_STATUS_FIELDS)[number];
export type AccountField = TemplateField | NumberField | AccountStatusField | (typeof CONSENT_FIELDS)[number];

const ALL: readonly string[] = [
  ...TEMPLATE_FIELDS,
  ...NUMBER_FIELDS,
  ...ACCOUNT_STATUS_FIELDS,
  ...CONSENT_FIELDS,
];
const among =
  <T extends string>(list: readonly T[]) =>
  (field: string): field is T =>
    (list as readonly string[]).includes(field);

export const isAccountField = among(ALL as readonly AccountField[]);
export const isTemplateField = among(TEMPLATE_FIELDS);
export const isNumberField = among(NUMBER_FIELDS);
export const namesOneNumber = among(NAMES_ONE_NUMBER);
