import { z } from 'zod';
import { graphErrors } from './graph-errors';
import type { NumberState } from './number-registry';

export const QUALITY_RATINGS = ['GREEN', 'YELLOW', 'RED', 'UNKNOWN'] as const;
/** `messaging_limit_tier` (v23 and older) and `whatsapp_business_manager_messaging_limit` (v24+) values. */
export const MESSAGING_TIERS = [
  'TIER_50',
  'TIER_250',
  'TIER_1K',
  'TIER_2K',
  'TIER_10K',
  'TIER_100K',
  'TIER_UNLIMITED',
  'TIER_NOT_SET',
] as const;
export const THROUGHPUT_LEVELS = ['STANDARD', 'HIGH', 'NOT_APPLICABLE'] as const;
export const NAME_STATUSES = [
  'APPROVED',
  'AVAILABLE_WITHOUT_REVIEW',
  'DECLINED',
  'EXPIRED',
  'PENDING_REVIEW',
  'NONE',
] as const;
export const CODE_VERIFICATION_STATUSES = ['VERIFIED', 'NOT_VERIFIED', 'EXPIRED'] as const;

export type QualityRating = (typeof QUALITY_RATINGS)[number];
export type MessagingTier = (typeof MESSAGING_TIERS)[number];

/** What Graph reports about a business number; changeable at run time through the control API. */
export interface PhoneNumberProfile {
  verifiedName: string;
  qualityRating: QualityRating;
  messagingLimitTier: MessagingTier;
  throughputLevel: (typeof THROUGHPUT_LEVELS)[number];
  nameStatus: (typeof NAME_STATUSES)[number];
  codeVerificationStatus: (typeof CODE_VERIFICATION_STATUSES)[number];
}

export const DEFAULT_PROFILE: PhoneNumberProfile = {
  verifiedName: 'Switchboard Sandbox',
  qualityRating: 'GREEN',
  messagingLimitTier: 'TIER_1K',
  throughputLevel: 'STANDARD',
  nameStatus: 'APPROVED',
  codeVerificationStatus: 'VERIFIED',
};

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

/** A partial profile as the control API accepts it (silent change: no webhook). */
export const profilePatchSchema = z
  .object({
    verifiedName: z.string().min(1).max(200),
    qualityRating: z.enum(QUALITY_RATINGS),
    messagingLimitTier: z.enum(MESSAGING_TIERS),
    throughputLevel: z.enum(THROUGHPUT_LEVELS),
    nameStatus: z.enum(NAME_STATUSES),
    codeVerificationStatus: z.enum(CODE_VERIFICATION_STATUSES),
  })
  .partial()
  .strict();
