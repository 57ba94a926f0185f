import { graphErrors } from './graph-errors';
import type { NumberState } from './number-registry';

/** The fields Graph returns for a phone number when `fields` is not given. */
const DEFAULT_FIELDS = [
  'verified_name',
  'code_verification_status',
  'display_phone_number',
  'quality_rating',
  'platform_type',
  'throughput',
  'id',
];

const FIELD_VALUES: Record<string, (n: NumberState) => unknown> = {
  id: (n) => n.config.phoneNumberId,
  display_phone_number: (n) => `+${n.config.displayPhoneNumber}`,
  verified_name: (n) => n.profile.verifiedName,
  quality_rating: (n) => n.profile.qualityRating,
  throughput: (n) => ({ level: n.profile.throughputLevel }),
  messaging_limit_tier: (n) => n.profile.messagingLimitTier,
  whatsapp_business_manager_messaging_limit: (n) => n.profile.messagingLimitTier,
  name_status: (n) => n.profile.nameStatus,
  code_verification_status: (n) => n.profile.codeVerificationStatus,
  platform_type: () => 'CLOUD_API',
  status: () => 'CONNECTED',
  account_mode: () => 'LIVE',
  is_official_business_account: () => false,
};

/**
 * The phone-number node projected on `?fields=a,b,c` like Graph: unknown field → (#100) nonexisting field;
 * `id` is always included.
 */
export function phoneNumberFields(number: NumberState, fieldsParam: string | null): Record<string, unknown> {
  const requested =
    fieldsParam === null
      ? DEFAULT_FIELDS
      : fieldsParam
          .split(',')
          .map((f) => f.trim())
          .filter((f) => f !== '');
  for (const field of requested) {
    if (!Object.hasOwn(FIELD_VALUES, field))
      throw graphErrors.nonexistingField(field, 'WhatsAppBusinessPhoneNumber');
  }
  const out: Record<string, unknown> = {};
  for (const field of requested) out[field] = FIELD_VALUES[field](number);
  out.id = number.config.phoneNumberId;
  return out;
}
