import { z } from 'zod';
import { keySchema } from './common';

/** Types of custom fields on cards. */
export const FIELD_TYPES = [
  'text',
  'number',
  'money',
  'date',
  'select',
  'multiselect',
  'phone',
  'email',
  'reference',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

const option = z.strictObject({
  value: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,59}$/, 'lowercase letters, digits, _ and - only'),
  label: z.string().min(1).max(80),
});

export const fieldDefinitionSchema = z
  .strictObject({
    key: keySchema,
    label: z.string().min(1).max(80),
    type: z.enum(FIELD_TYPES),
    description: z.string().max(300).optional(),
    /** select / multiselect: the allowed values. */
    options: z.array(option).min(1).max(200).optional(),
    /** money: the currency used when a value gives none (ISO 4217). */
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'an ISO 4217 code like USD')
      .optional(),
    /** reference: the external system and record type the value points at (e.g. erp / order). */
    reference: z.strictObject({ system: keySchema, entity: keySchema }).optional(),
    /** text: maximum length (default 1000). */
    maxLength: z.number().int().min(1).max(10_000).optional(),
  })
  .superRefine((f, ctx) => {
    const choice = f.type === 'select' || f.type === 'multiselect';
    if (choice && !f.options)
      ctx.addIssue({ code: 'custom', path: ['options'], message: `a ${f.type} field needs options` });
    if (!choice && f.options)
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'only select and multiselect fields have options',
      });
    if (f.options && new Set(f.options.map((o) => o.value)).size !== f.options.length)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'option values must be unique' });
    if (f.type === 'reference' && !f.reference)
      ctx.addIssue({
        code: 'custom',
        path: ['reference'],
        message: 'a reference field names its system and entity',
      });
    if (f.currency && f.type !== 'money')
      ctx.addIssue({ code: 'custom', path: ['currency'], message: 'only money fields have a currency' });
  });
export type FieldDefinition = z.output<typeof fieldDefinitionSchema>;

export const stageDefinitionSchema = z.strictObject({
  key: keySchema,
  name: z.string().min(1).max(60),
  category: z.enum(['open', 'waiting', 'done']),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1f883d')
    .optional(),
  /** At most this many cards may be in the stage at once. */
  wipLimit: z.number().int().min(1).optional(),
  /** Fields that must have a value before a card may enter the stage. */
  requiredFields: z.array(keySchema).default([]),
  /** Automations (see definePlugin({ automations })) run when a card enters the stage. */
  onEnter: z.array(keySchema).default([]),
});
export type StageDefinition = z.output<typeof stageDefinitionSchema>;

export const pipelineContributionSchema = z
  .strictObject({
    key: keySchema,
    name: z.string().min(1).max(80),
    fields: z.array(fieldDefinitionSchema).max(100).default([]),
    /** In order: new cards enter the first stage. */
    stages: z.array(stageDefinitionSchema).min(1).max(30),
  })
  .superRefine((p, ctx) => {
    const fields = new Set(p.fields.map((f) => f.key));
    if (fields.size !== p.fields.length)
      ctx.addIssue({ code: 'custom', path: ['fields'], message: 'field keys must be unique' });
    if (new Set(p.stages.map((s) => s.key)).size !== p.stages.length)
      ctx.addIssue({ code: 'custom', path: ['stages'], message: 'stage keys must be unique' });
    p.stages.forEach((s, i) =>
      s.requiredFields.forEach((key, j) => {
        if (!fields.has(key))
          ctx.addIssue({
            code: 'custom',
            path: ['stages', i, 'requiredFields', j],
            message: `"${key}" is not one of the pipeline's fields`,
          });
      }),
    );
    if (p.stages[0].category === 'done')
      ctx.addIssue({
        code: 'custom',
        path: ['stages', 0, 'category'],
        message: 'new cards cannot start in a done stage',
      });
  });
export type PipelineContribution = z.output<typeof pipelineContributionSchema>;
