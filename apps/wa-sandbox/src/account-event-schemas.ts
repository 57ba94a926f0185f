import { z } from 'zod';
import { MESSAGING_TIERS, QUALITY_RATINGS, THROUGHPUT_LEVELS } from './phone-number-profile';
import type { TemplateStatus } from './templates';

/** The parameters each account or template event takes from the control API, checked before anything is sent. */
const TEMPLATE_STATUSES = [
  'APPROVED',
  'PENDING',
  'REJECTED',
  'PAUSED',
  'DISABLED',
  'FLAGGED',
  'IN_APPEAL',
  'REINSTATED',
  'LIMIT_EXCEEDED',
  'LOCKED',
  'PENDING_DELETION',
  'ARCHIVED',
  'DELETED',
] as const satisfies readonly TemplateStatus[];
const CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;

const numberRef = { phoneNumberId: z.string().min(1) };
const templateRef = { wabaId: z.string().min(1), templateId: z.string().min(1) };
const token = z.string().min(1).max(200);

/** Parameters of each field the sandbox can emit, validated before anything changes. */
export const accountEventSchemas = {
  phone_number_quality_update: z.object({
    ...numberRef,
    event: token.optional(),
    qualityRating: z.enum(QUALITY_RATINGS).optional(),
    tier: z.enum(MESSAGING_TIERS).optional(),
    throughputLevel: z.enum(THROUGHPUT_LEVELS).optional(),
  }),
  phone_number_name_update: z.object({
    ...numberRef,
    decision: z.enum(['APPROVED', 'DEFERRED', 'PENDING', 'REJECTED']),
    requestedVerifiedName: z.string().min(1).max(200),
    rejectionReason: token.optional(),
  }),
  security: z.object({ ...numberRef, event: token, requester: token.optional() }),
  user_preferences: z.object({
    ...numberRef,
    waId: z.string().regex(/^\d{1,20}$/, 'waId must be digits'),
    value: z.enum(['stop', 'resume']),
    name: z.string().max(200).optional(),
    detail: z.string().max(500).optional(),
    category: token.optional(),
  }),
  account_update: z.object({
    wabaId: z.string().min(1),
    event: token,
    phoneNumber: z
      .string()
      .regex(/^\d{1,20}$/)
      .optional(),
    /** Event-specific objects in Meta's snake_case, e.g. ban_info, violation_info, restriction_info. */
    details: z.record(z.string(), z.unknown()).optional(),
  }),
  account_alerts: z.object({
    wabaId: z.string().min(1),
    entityType: z.enum(['BUSINESS', 'WABA', 'PHONE_NUMBER']).optional(),
    entityId: z.string().min(1).optional(),
    alertSeverity: z.enum(['INFORMATIONAL', 'WARNING', 'CRITICAL']),
    alertStatus: z.enum(['ACTIVE', 'NONE']).optional(),
    alertType: token,
    alertDescription: z.string().min(1).max(1000),
  }),
  business_capability_update: z.object({
    wabaId: z.string().min(1),
    /** 250, 2000, 10000, 100000 or -1 (unlimited). */
    maxDailyConversationsPerBusiness: z.number().int().min(-1),
    maxPhoneNumbersPerBusiness: z.number().int().min(1).optional(),
    maxPhoneNumbersPerWaba: z.number().int().min(1).optional(),
  }),
  message_template_status_update: z.object({
    ...templateRef,
    event: z.enum(TEMPLATE_STATUSES),
    reason: token.optional(),
    rejectionInfo: z.object({ reason: token, recommendation: z.string().max(1000) }).optional(),
  }),
  message_template_quality_update: z.object({
    ...templateRef,
    newQualityScore: z.enum(QUALITY_RATINGS),
  }),
  template_category_update: z.object({
    ...templateRef,
    newCategory: z.enum(CATEGORIES),
    correctCategory: z.enum(CATEGORIES).optional(),
  }),
  message_template_components_update: z.object({
    ...templateRef,
    /** New body text; other components stay as they are. */
    bodyText: z.string().min(1).max(1024).optional(),
    footerText: z.string().min(1).max(60).optional(),
  }),
};

export type AccountEventField = keyof typeof accountEventSchemas;
export type AccountEventParams<F extends AccountEventField> = z.infer<(typeof accountEventSchemas)[F]>;

export const ACCOUNT_EVENT_FIELDS = Object.keys(accountEventSchemas) as AccountEventField[];

export function isAccountEventField(field: string): field is AccountEventField {
  return Object.hasOwn(accountEventSchemas, field);
}
