import { z } from 'zod';
import type { NumberState } from './number-registry';
import {
  accountEventSchemas,
  type AccountEventField,
  type AccountEventParams,
} from './account-event-schemas';
import { MESSAGING_TIERS, type PhoneNumberProfile } from './phone-number-profile';
import type { SandboxContext } from './sandbox-context';
import type { StoredTemplate } from './templates';
import { UnknownReferenceError } from './unknown-reference.error';

/** Where an account event is delivered: one number's webhook, or every webhook target of a WABA. */
export interface AccountEventTarget {
  wabaId: string;
  /** Set for number-scoped fields (`user_preferences` carries its metadata). */
  number?: NumberState;
}

export interface BuiltAccountEvent extends AccountEventTarget {
  field: string;
  value: Record<string, unknown>;
}

const TIER_ORDER: readonly string[] = MESSAGING_TIERS;

/**
 * Validates the references, applies the state change the event is about (profile, template status…) and
 * returns the `changes[].value` in Meta's documented shape.
 */
export function buildAccountEvent(
  ctx: SandboxContext,
  field: AccountEventField,
  raw: unknown,
): BuiltAccountEvent {
  switch (field) {
    case 'phone_number_quality_update':
      return qualityUpdate(ctx, accountEventSchemas[field].parse(raw));
    case 'phone_number_name_update':
      return nameUpdate(ctx, accountEventSchemas[field].parse(raw));
    case 'security': {
      const p = accountEventSchemas[field].parse(raw);
      const number = requireNumber(ctx, p.phoneNumberId);
      const value: Record<string, unknown> = {
        display_phone_number: number.config.displayPhoneNumber,
        event: p.event,
      };
      if (p.requester) value.requester = p.requester;
      return { field, wabaId: number.config.wabaId, number, value };
    }
    case 'user_preferences':
      return userPreferences(ctx, accountEventSchemas[field].parse(raw));
    case 'account_update': {
      const p = accountEventSchemas[field].parse(raw);
      requireWaba(ctx, p.wabaId);
      const value: Record<string, unknown> = {};
      if (p.phoneNumber) value.phone_number = p.phoneNumber;
      value.event = p.event;
      return { field, wabaId: p.wabaId, value: { ...value, ...p.details } };
    }
    case 'account_alerts': {
      const p = accountEventSchemas[field].parse(raw);
      requireWaba(ctx, p.wabaId);
      const value = {
        entity_type: p.entityType ?? 'WABA',
        entity_id: p.entityId ?? p.wabaId,
        alert_info: {
          alert_severity: p.alertSeverity,
          alert_status: p.alertStatus ?? 'ACTIVE',
          alert_type: p.alertType,
          alert_description: p.alertDescription,
        },
      };
      return { field, wabaId: p.wabaId, value };
    }
    case 'business_capability_update': {
      const p = accountEventSchemas[field].parse(raw);
      requireWaba(ctx, p.wabaId);
      const value: Record<string, unknown> = {
        max_daily_conversations_per_business: p.maxDailyConversationsPerBusiness,
      };
      if (p.maxPhoneNumbersPerBusiness !== undefined)
        value.max_phone_numbers_per_business = p.maxPhoneNumbersPerBusiness;
      if (p.maxPhoneNumbersPerWaba !== undefined) value.max_phone_numbers_per_waba = p.maxPhoneNumbersPerWaba;
      return { field, wabaId: p.wabaId, value };
    }
    case 'message_template_status_update': {
      const p = accountEventSchemas[field].parse(raw);
      const t = requireTemplate(ctx, p.wabaId, p.templateId);
      t.status = p.event;
      const value: Record<string, unknown> = {
        event: p.event,
        ...templateKey(t),
        reason: p.reason ?? (p.event === 'REJECTED' ? 'INVALID_FORMAT' : 'NONE'),
        message_template_category: t.category,
      };
      if (p.rejectionInfo) value.rejection_info = p.rejectionInfo;
      return { field, wabaId: p.wabaId, value };
    }
    case 'message_template_quality_update': {
      const p = accountEventSchemas[field].parse(raw);
      const t = requireTemplate(ctx, p.wabaId, p.templateId);
      const previous = t.qualityScore;
      t.qualityScore = p.newQualityScore;
      t.qualityDate = Math.floor(ctx.now() / 1000);
      const value = {
        previous_quality_score: previous,
        new_quality_score: p.newQualityScore,
        ...templateKey(t),
      };
      return { field, wabaId: p.wabaId, value };
    }
    case 'template_category_update': {
      const p = accountEventSchemas[field].parse(raw);
      const t = requireTemplate(ctx, p.wabaId, p.templateId);
      const previous = t.category;
      t.category = p.newCategory;
      const value: Record<string, unknown> = {
        ...templateKey(t),
        previous_category: previous,
        new_category: p.newCategory,
      };
      if (p.correctCategory) value.correct_category = p.correctCategory;
      return { field, wabaId: p.wabaId, value };
    }
    case 'message_template_components_update':
      return componentsUpdate(ctx, accountEventSchemas[field].parse(raw));
  }
}

/** A change with any field name and value (fields the project has not seen yet). */
export const rawEventSchema = z
  .object({
    field: z.string().regex(/^[a-z][a-z0-9_]{0,99}$/, 'field must be a lowercase webhook field name'),
    value: z.record(z.string(), z.unknown()),
    wabaId: z.string().min(1).optional(),
    phoneNumberId: z.string().min(1).optional(),
  })
  .refine((p) => p.wabaId !== undefined || p.phoneNumberId !== undefined, {
    message: 'wabaId or phoneNumberId is required',
    path: ['wabaId'],
  });

export function buildRawEvent(ctx: SandboxContext, p: z.infer<typeof rawEventSchema>): BuiltAccountEvent {
  if (p.phoneNumberId !== undefined) {
    const number = requireNumber(ctx, p.phoneNumberId);
    return { field: p.field, wabaId: number.config.wabaId, number, value: p.value };
  }
  const wabaId = p.wabaId ?? '';
  requireWaba(ctx, wabaId);
  return { field: p.field, wabaId, value: p.value };
}

/** `{object, entry:[{id, time, changes:[{value, field}]}]}` as Meta sends business-management fields. */
export function accountEventEnvelope(event: BuiltAccountEvent, nowMs: number): Record<string, unknown> {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: event.wabaId,
        time: Math.floor(nowMs / 1000),
        changes: [{ value: event.value, field: event.field }],
      },
    ],
  };
}

function qualityUpdate(
  ctx: SandboxContext,
  p: AccountEventParams<'phone_number_quality_update'>,
): BuiltAccountEvent {
  const number = requireNumber(ctx, p.phoneNumberId);
  const before: PhoneNumberProfile = { ...number.profile };
  if (p.qualityRating) number.profile.qualityRating = p.qualityRating;
  if (p.tier) number.profile.messagingLimitTier = p.tier;
  if (p.throughputLevel) number.profile.throughputLevel = p.throughputLevel;
  const tierChanged = p.tier !== undefined && p.tier !== before.messagingLimitTier;
  const event = p.event ?? defaultQualityEvent(p, before, tierChanged);
  const value: Record<string, unknown> = { display_phone_number: number.config.displayPhoneNumber, event };
  // Meta includes old_limit only for messaging-limit changes.
  if (tierChanged) value.old_limit = before.messagingLimitTier;
  value.current_limit = number.profile.messagingLimitTier;
  value.max_daily_conversations_per_business = number.profile.messagingLimitTier;
  return { field: 'phone_number_quality_update', wabaId: number.config.wabaId, number, value };
}

function defaultQualityEvent(
  p: AccountEventParams<'phone_number_quality_update'>,
  before: PhoneNumberProfile,
  tierChanged: boolean,
): string {
  if (tierChanged && p.tier) {
    return TIER_ORDER.indexOf(p.tier) > TIER_ORDER.indexOf(before.messagingLimitTier)
      ? 'UPGRADE'
      : 'DOWNGRADE';
  }
  if (p.throughputLevel === 'HIGH' && before.throughputLevel !== 'HIGH') return 'THROUGHPUT_UPGRADE';
  if (p.qualityRating === 'RED' || p.qualityRating === 'YELLOW') return 'FLAGGED';
  if (p.qualityRating === 'GREEN') return 'UNFLAGGED';
  return 'ONBOARDING';
}

function nameUpdate(
  ctx: SandboxContext,
  p: AccountEventParams<'phone_number_name_update'>,
): BuiltAccountEvent {
  const number = requireNumber(ctx, p.phoneNumberId);
  const statusByDecision: Record<typeof p.decision, PhoneNumberProfile['nameStatus']> = {
    APPROVED: 'APPROVED',
    REJECTED: 'DECLINED',
    PENDING: 'PENDING_REVIEW',
    DEFERRED: 'PENDING_REVIEW',
  };
  number.profile.nameStatus = statusByDecision[p.decision];
  if (p.decision === 'APPROVED') number.profile.verifiedName = p.requestedVerifiedName;
  const value = {
    display_phone_number: number.config.displayPhoneNumber,
    decision: p.decision,
    requested_verified_name: p.requestedVerifiedName,
    rejection_reason: p.rejectionReason ?? 'NONE',
  };
  return { field: 'phone_number_name_update', wabaId: number.config.wabaId, number, value };
}

function userPreferences(ctx: SandboxContext, p: AccountEventParams<'user_preferences'>): BuiltAccountEvent {
  const number = requireNumber(ctx, p.phoneNumberId);
  // Only the marketing category gates sends (Meta then fails marketing templates with 131050).
  if ((p.category ?? 'marketing_messages') === 'marketing_messages')
    ctx.marketing.set(number.config.wabaId, p.waId, p.value);
  const name = p.name ?? ctx.customers.get(p.waId)?.name ?? p.waId;
  const value = {
    messaging_product: 'whatsapp',
    metadata: {
      display_phone_number: number.config.displayPhoneNumber,
      phone_number_id: number.config.phoneNumberId,
    },
    contacts: [{ profile: { name }, wa_id: p.waId }],
    user_preferences: [
      {
        wa_id: p.waId,
        detail:
          p.detail ??
          (p.value === 'stop'
            ? 'User requested to stop marketing messages'
            : 'User requested to resume marketing messages'),
        category: p.category ?? 'marketing_messages',
        value: p.value,
        timestamp: Math.floor(ctx.now() / 1000),
      },
    ],
  };
  return { field: 'user_preferences', wabaId: number.config.wabaId, number, value };
}

function componentsUpdate(
  ctx: SandboxContext,
  p: AccountEventParams<'message_template_components_update'>,
): BuiltAccountEvent {
  const t = requireTemplate(ctx, p.wabaId, p.templateId);
  if (p.bodyText !== undefined) {
    t.components = t.components.map((c) => (c.type === 'BODY' ? { ...c, text: p.bodyText ?? c.text } : c));
  }
  if (p.footerText !== undefined) {
    const others = t.components.filter((c) => c.type !== 'FOOTER');
    t.components = [...others, { type: 'FOOTER', text: p.footerText }];
  }
  const value: Record<string, unknown> = { ...templateKey(t) };
  for (const c of t.components) {
    if (c.type === 'BODY') value.message_template_element = c.text;
    if (c.type === 'HEADER' && c.format === 'TEXT' && c.text) value.message_template_title = c.text;
    if (c.type === 'FOOTER') value.message_template_footer = c.text;
    if (c.type === 'BUTTONS') {
      const linkButtons = c.buttons.filter((b) => b.type === 'URL' || b.type === 'PHONE_NUMBER');
      if (linkButtons.length > 0) {
        value.message_template_buttons = linkButtons.map((b) => ({
          message_template_button_type: b.type,
          message_template_button_text: b.text,
          ...(b.url ? { message_template_button_url: b.url } : {}),
          ...(b.phone_number ? { message_template_button_phone_number: b.phone_number } : {}),
        }));
      }
    }
  }
  return { field: 'message_template_components_update', wabaId: p.wabaId, value };
}

/** Webhooks carry the template id as a JSON number. */
function templateKey(t: StoredTemplate): Record<string, unknown> {
  return {
    message_template_id: Number(t.id),
    message_template_name: t.name,
    message_template_language: t.language,
  };
}

function requireNumber(ctx: SandboxContext, phoneNumberId: string): NumberState {
  const number = ctx.numbers.get(phoneNumberId);
  if (!number) throw new UnknownReferenceError(`phoneNumberId ${phoneNumberId} is not a sandbox number`);
  return number;
}

function requireWaba(ctx: SandboxContext, wabaId: string): void {
  if (!ctx.numbers.isWaba(wabaId)) throw new UnknownReferenceError(`wabaId ${wabaId} is not a sandbox WABA`);
}

function requireTemplate(ctx: SandboxContext, wabaId: string, templateId: string): StoredTemplate {
  requireWaba(ctx, wabaId);
  const t = ctx.templates.byId(wabaId, templateId);
  if (!t) throw new UnknownReferenceError(`template ${templateId} does not exist in WABA ${wabaId}`);
  return t;
}
