import { z } from 'zod';

/** A custom attribute of a contact: keys like card field keys, scalar values. */
export const contactAttributeKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'lowercase letters, digits and _ only (at most 40)');
export const contactAttributeValue = z.union([z.string().max(500), z.number().finite(), z.boolean()]);

/** PUT /api/contacts/:id/attributes: the whole set (at most 50 keys, 8 KB as JSON). */
export const setContactAttributesRequest = z.strictObject({
  attributes: z
    .record(contactAttributeKey, contactAttributeValue)
    .refine((a) => Object.keys(a).length <= 50, 'at most 50 attributes')
    .refine((a) => JSON.stringify(a).length <= 8192, 'at most 8 KB of attributes in all'),
});
export type SetContactAttributesRequest = z.infer<typeof setContactAttributesRequest>;
export type ContactAttributes = Record<string, string | number | boolean>;

export interface ContactAttributesView {
  contactId: string;
  attributes: ContactAttributes;
}

const scalar = z.union([z.string().max(500), z.number().finite(), z.boolean()]);
const uuid = z.uuid();

/** Every condition given must hold; a rule with none matches every conversation. */
export const routingConditions = z.strictObject({
  text: z
    .strictObject({
      /** Any of these words or phrases (case- and accent-insensitive, on word boundaries). */
      keywords: z.array(z.string().trim().min(1).max(80)).min(1).max(100).optional(),
      /** An RE2 pattern (linear time: no backreferences or lookarounds), searched case-insensitively. */
      pattern: z.string().min(1).max(500).optional(),
    })
    .refine((t) => t.keywords || t.pattern, 'give keywords, a pattern or both')
    .optional(),
  /** ISO 639-1 codes detected in the message text; short or unclear text matches none. */
  language: z
    .array(z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code like en, pt or es'))
    .min(1)
    .max(20)
    .optional(),
  time: z.strictObject({ within: z.enum(['business_hours', 'outside_business_hours']) }).optional(),
  contact: z
    .strictObject({
      /** ISO 3166 alpha-2 countries of the phone number. */
      country: z
        .array(z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166 code like BR'))
        .min(1)
        .max(50)
        .optional(),
      /** E.164 prefixes (country code and area code: +5511 for São Paulo). */
      phonePrefix: z
        .array(z.string().regex(/^\+[1-9]\d{0,14}$/, 'an E.164 prefix like +5511'))
        .min(1)
        .max(50)
        .optional(),
      /** True: the contact's first conversation with this WhatsApp Business Account. */
      isNew: z.boolean().optional(),
      attributes: z.record(contactAttributeKey, contactAttributeValue).optional(),
    })
    .optional(),
  card: z
    .strictObject({
      field: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a field key'),
      equals: scalar.optional(),
      in: z.array(scalar).min(1).max(50).optional(),
      exists: z.boolean().optional(),
    })
    .refine(
      (c) => [c.equals, c.in, c.exists].filter((v) => v !== undefined).length === 1,
      'give exactly one of equals, in or exists',
    )
    .optional(),
  /** A triage intent key of the department plugin. */
  intent: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, 'an intent key')
    .optional(),
  numberIds: z.array(uuid).min(1).max(50).optional(),
});
export type RoutingConditions = z.infer<typeof routingConditions>;

export const ROUTING_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

/** What a matching rule does, in this order: transfer, team, priority, labels, skills, assign, stage, fields, reply. */
export const routingActions = z.strictObject({
  transfer: z.strictObject({ departmentId: uuid }).optional(),
  team: z.strictObject({ teamId: uuid }).optional(),
  priority: z.enum(ROUTING_PRIORITIES).optional(),
  labels: z.strictObject({ add: z.array(z.string().trim().min(1).max(40)).min(1).max(20) }).optional(),
  requireSkills: z.array(z.string().trim().min(1).max(40)).min(1).max(20).optional(),
  assign: z.strictObject({ userId: uuid }).optional(),
  stage: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, 'a stage key')
    .optional(),
  setFields: z.record(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a field key'), z.unknown()).optional(),
  autoReply: z
    .strictObject({
      /** An approved template: allowed outside the 24-hour window. */
      template: z
        .strictObject({
          name: z.string().min(1).max(512),
          language: z.string().min(2).max(15),
          /** Body parameters, in order. */
          parameters: z.array(z.string().min(1).max(1024)).max(20).optional(),
        })
        .optional(),
      /** Free text: sent only inside the 24-hour window (else recorded as skipped). */
      text: z.string().trim().min(1).max(4096).optional(),
    })
    .refine((r) => Boolean(r.template) !== Boolean(r.text), 'give exactly one of template or text')
    .optional(),
});
export type RoutingActions = z.infer<typeof routingActions>;

const ruleFields = {
  name: z.string().trim().min(1).max(120),
  /** Null or absent: every number of the department. */
  numberId: uuid.nullable().optional(),
  enabled: z.boolean().optional(),
  trigger: z.enum(['conversation_opened', 'every_message']).optional(),
  conditions: routingConditions.optional(),
  actions: routingActions,
  /** No later rule runs after this one matched. */
  stop: z.boolean().optional(),
};

/** POST /api/departments/:id/routing-rules (appended at the end of the order). */
export const createRoutingRuleRequest = z.strictObject(ruleFields);
export type CreateRoutingRuleRequest = z.infer<typeof createRoutingRuleRequest>;

/** PUT /api/routing-rules/:id: a plugin's rule takes `enabled` only. */
export const updateRoutingRuleRequest = z.strictObject({
  name: ruleFields.name.optional(),
  numberId: ruleFields.numberId,
  enabled: ruleFields.enabled,
  trigger: ruleFields.trigger,
  conditions: ruleFields.conditions,
  actions: routingActions.optional(),
  stop: ruleFields.stop,
});
export type UpdateRoutingRuleRequest = z.infer<typeof updateRoutingRuleRequest>;

/** PUT /api/departments/:id/routing-rules/order: these rules first, in this order; the others follow as they were. */
export const orderRoutingRulesRequest = z.strictObject({ ids: z.array(uuid).min(1).max(1000) });
export type OrderRoutingRulesRequest = z.infer<typeof orderRoutingRulesRequest>;

/** POST /api/departments/:id/routing-rules/test: a dry run for an imagined first message. */
export const testRoutingRulesRequest = z.strictObject({
  text: z.string().max(4096),
  /** E.164 phone of the imagined customer (+5511…). */
  phone: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, 'an E.164 phone like +5511987654321')
    .optional(),
  at: z.iso.datetime({ offset: true }).optional(),
  numberId: uuid.optional(),
});
export type TestRoutingRulesRequest = z.infer<typeof testRoutingRulesRequest>;

export interface RoutingRuleView {
  id: string;
  departmentId: string;
  numberId: string | null;
  position: number;
  name: string;
  enabled: boolean;
  source: 'admin' | 'plugin';
  pluginId: string | null;
  pluginRuleKey: string | null;
  trigger: 'conversation_opened' | 'every_message';
  conditions: RoutingConditions;
  actions: RoutingActions;
  stop: boolean;
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
}

export interface RoutingTestView {
  language: string | null;
  intent: string | null;
  withinBusinessHours: boolean;
  matched: {
    ruleId: string;
    name: string;
    source: 'admin' | 'plugin';
    actions: RoutingActions;
    stop: boolean;
  }[];
}
