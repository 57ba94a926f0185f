import { z } from 'zod';
import { keySchema, localeSchema, localizedText } from './common';

/**
 * Message templates a plugin sends (greeting, out-of-hours, closing, CSAT…), per language. `{{name}}` style
 * placeholders are filled from the values the sender passes. Inside Meta's 24-hour window they go out as text.
 */
export const messageTemplateSchema = z.strictObject({
  key: keySchema,
  purpose: z.enum(['greeting', 'out_of_hours', 'closing', 'csat', 'other']),
  text: localizedText(4096),
});
export type MessageTemplate = z.output<typeof messageTemplateSchema>;

const condition = z.strictObject({
  /** Any of these words or phrases in the customer's message (case- and accent-insensitive). */
  keywords: z.array(z.string().min(1).max(80)).max(100).optional(),
  /** A triage intent key (see triageIntents). */
  intent: keySchema.optional(),
});

/** Where a matching conversation goes: a stage, a team, a priority, field values. Applied by the routing engine. */
export const routingRuleSchema = z.strictObject({
  key: keySchema,
  name: z.string().min(1).max(80),
  when: condition.refine((c) => c.keywords || c.intent, 'give keywords, an intent or both'),
  then: z
    .strictObject({
      stage: keySchema.optional(),
      team: z.string().min(1).max(80).optional(),
      priority: z.enum(['low', 'normal', 'high', 'urgent']).optional(),
      setFields: z.record(keySchema, z.unknown()).optional(),
    })
    .refine((t) => Object.keys(t).length > 0, 'give at least one action'),
});
export type RoutingRule = z.output<typeof routingRuleSchema>;

/** Response and resolution targets, in minutes; businessHours counts only the installation's business hours. */
export const slaPolicySchema = z.strictObject({
  key: keySchema,
  name: z.string().min(1).max(80),
  /** Applies to cards with this priority (field `priority`), or to all cards when absent. */
  priority: z.enum(['low', 'normal', 'high', 'urgent']).optional(),
  firstResponseMinutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 30),
  nextResponseMinutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 30)
    .optional(),
  resolutionMinutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 90)
    .optional(),
  /** Warn this many percent into the target (default 80). */
  warnAtPercent: z.number().int().min(1).max(99).default(80),
  businessHours: z.boolean().default(false),
});
export type SlaPolicy = z.output<typeof slaPolicySchema>;

/** An intent the triage step can recognise, with example phrases per language (few-shot and keyword seeds). */
export const triageIntentSchema = z.strictObject({
  key: keySchema,
  label: z.string().min(1).max(80),
  examples: z
    .record(localeSchema, z.array(z.string().min(1).max(300)).min(1).max(50))
    .refine((v) => Array.isArray(v.en), 'needs at least English examples'),
});
export type TriageIntent = z.output<typeof triageIntentSchema>;

/** A button on a card that runs one of the plugin's automations on it. */
export const cardActionSchema = z.strictObject({
  key: keySchema,
  label: z.string().min(1).max(60),
  automation: keySchema,
});
export type CardAction = z.output<typeof cardActionSchema>;
