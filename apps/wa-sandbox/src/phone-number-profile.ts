import { z } from 'zod';

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
