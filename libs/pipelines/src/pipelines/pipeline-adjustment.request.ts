import { z } from 'zod';

/** The stage attributes an admin may set over the plugin's (the API's names; also what `overridden` lists). */
export const STAGE_ATTRIBUTES = ['name', 'color', 'wipLimit', 'requiredFields'] as const;
export type StageAttribute = (typeof STAGE_ATTRIBUTES)[number];
export const FIELD_ATTRIBUTES = ['label'] as const;
export type FieldAttribute = (typeof FIELD_ATTRIBUTES)[number];

const WIP_LIMIT = 'must be a positive whole number, or null for no limit';

/** Set and reset of the same attribute at once is ambiguous: refused, naming it. */
function noSetAndReset(body: Record<string, unknown> & { reset?: string[] }, ctx: z.RefinementCtx): void {
  for (const attribute of body.reset ?? [])
    if (body[attribute] !== undefined)
      ctx.addIssue({ code: 'custom', path: [attribute], message: 'is both set and reset: choose one' });
}

/** An empty change is refused as such, unless the body was refused already (an unknown field says it better). */
const somethingGiven = [
  (body: Record<string, unknown> & { reset?: string[] }) =>
    Object.entries(body).some(
      ([k, v]) => v !== undefined && (k !== 'reset' || (body.reset ?? []).length > 0),
    ),
  {
    message: 'give at least one attribute to set or reset',
    when: (payload: { issues: unknown[] }) => payload.issues.length === 0,
  },
] as const;

/**
 * PATCH /api/pipelines/:id/stages/:stageKey. A given attribute stands over the plugin's until reset; `reset` lists
 * attributes that go back to the plugin's value (and follow it again).
 */
export const adjustStageRequest = z
  .strictObject({
    name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters').optional(),
    color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f883d')
      .nullable()
      .optional(),
    wipLimit: z
      .number({ error: WIP_LIMIT })
      .int({ error: WIP_LIMIT })
      .positive({ error: WIP_LIMIT })
      .max(10_000, 'must be at most 10000')
      .nullable()
      .optional(),
    requiredFields: z
      .array(z.string().min(1).max(100), { error: 'must be a list of field keys' })
      .max(100)
      .refine((keys) => new Set(keys).size === keys.length, 'lists a field twice')
      .optional(),
    reset: z.array(z.enum(STAGE_ATTRIBUTES)).max(STAGE_ATTRIBUTES.length).optional(),
  })
  .superRefine(noSetAndReset)
  .refine(...somethingGiven);
export type AdjustStageRequest = z.infer<typeof adjustStageRequest>;

/** PATCH /api/pipelines/:id/fields/:fieldKey: the label, or `reset: ["label"]` for the plugin's. */
export const adjustFieldRequest = z
  .strictObject({
    label: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(100, 'must be at most 100 characters')
      .optional(),
    reset: z.array(z.enum(FIELD_ATTRIBUTES)).max(FIELD_ATTRIBUTES.length).optional(),
  })
  .superRefine(noSetAndReset)
  .refine(...somethingGiven);
export type AdjustFieldRequest = z.infer<typeof adjustFieldRequest>;
