import { z } from 'zod';
import { pipelineContributionSchema } from './pipeline-contribution';
import {
  cardActionSchema,
  messageTemplateSchema,
  routingRuleSchema,
  slaPolicySchema,
  triageIntentSchema,
} from './process-contributions';

const semverish = /^\d+\.\d+\.\d+(?:-[\w.]+)?$/;

/** Hooks a plugin can subscribe to; dispatched per WhatsApp number to the plugins installed on it. */
export const HOOK_NAMES = [
  'message.received',
  'card.created',
  'card.stage_changed',
  'conversation.assigned',
  'conversation.closed',
  'sla.warning',
  'sla.breached',
] as const;
export type HookName = (typeof HOOK_NAMES)[number];

const unique =
  <T>(what: string, keyOf: (item: T) => string) =>
  (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const k = keyOf(item);
      if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [i], message: `duplicate ${what} "${k}"` });
      seen.add(k);
    });
  };

const contributions = z
  .strictObject({
    pipelines: z
      .array(pipelineContributionSchema)
      .default([])
      .superRefine(unique('pipeline', (p) => p.key)),
    templates: z
      .array(messageTemplateSchema)
      .default([])
      .superRefine(unique('template', (t) => t.key)),
    routingRules: z
      .array(routingRuleSchema)
      .default([])
      .superRefine(unique('routing rule', (r) => r.key)),
    slaPolicies: z
      .array(slaPolicySchema)
      .default([])
      .superRefine(unique('SLA policy', (s) => s.key)),
    triageIntents: z
      .array(triageIntentSchema)
      .default([])
      .superRefine(unique('intent', (t) => t.key)),
    cardActions: z
      .array(cardActionSchema)
      .default([])
      .superRefine(unique('card action', (a) => a.key)),
    /**
     * `department`: admins see the department's cards like any other. `members`: only the department's own
     * members do, admins included only through a membership (HR, legal).
     */
    visibility: z.enum(['department', 'members']).default('department'),
  })
  .superRefine((c, ctx) => {
    const intents = new Set(c.triageIntents.map((i) => i.key));
    const stages = new Set(c.pipelines.flatMap((p) => p.stages.map((s) => s.key)));
    c.routingRules.forEach((r, i) => {
      if (r.when.intent && !intents.has(r.when.intent))
        ctx.addIssue({
          code: 'custom',
          path: ['routingRules', i, 'when', 'intent'],
          message: `"${r.when.intent}" is not one of the plugin's triageIntents`,
        });
      if (r.then.stage && !stages.has(r.then.stage))
        ctx.addIssue({
          code: 'custom',
          path: ['routingRules', i, 'then', 'stage'],
          message: `"${r.then.stage}" is not a stage of the plugin's pipelines`,
        });
    });
  });

/**
 * What a plugin declares about itself. Checked at boot: a wrong manifest stops Switchboard with the plugin and the
 * field named.
 */
export const pluginManifestSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9-]{1,49}$/, 'lowercase letters, digits and - (2 to 50 characters)'),
    name: z.string().min(1).max(80),
    version: z.string().regex(semverish, 'a semantic version like 1.2.3'),
    kind: z.enum(['department', 'connector', 'ai-tool']),
    /** The Switchboard versions the plugin works with, as a semver range (e.g. ^0.1.0). */
    core: z.string().min(1),
    description: z.string().max(500).optional(),
    /** Credentials an installation must reference (their values are stored sealed, never in settings). */
    credentials: z
      .array(
        z.strictObject({
          key: z.string().regex(/^[a-zA-Z][\w.-]{0,59}$/, 'letters, digits, _, . and - only'),
          label: z.string().min(1),
          /** An installation can be enabled without it. */
          optional: z.boolean().default(false),
        }),
      )
      .default([])
      .superRefine(unique('credential', (c) => c.key)),
    /** Hook subscriptions: lower priority runs first; the timeout bounds one call. */
    hooks: z
      .array(
        z.strictObject({
          name: z.enum(HOOK_NAMES),
          priority: z.number().int().min(0).max(1000).default(100),
          timeoutMs: z.number().int().min(10).max(30_000).default(2_000),
        }),
      )
      .default([])
      .superRefine(unique('hook', (h) => h.name)),
    contributes: contributions.default({
      pipelines: [],
      templates: [],
      routingRules: [],
      slaPolicies: [],
      triageIntents: [],
      cardActions: [],
      visibility: 'department',
    }),
  })
  .superRefine((m, ctx) => {
    if (m.kind === 'department' && m.contributes.pipelines.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['contributes', 'pipelines'],
        message: 'a department plugin contributes at least one pipeline',
      });
    if (m.kind !== 'department' && m.contributes.visibility !== 'department')
      ctx.addIssue({
        code: 'custom',
        path: ['contributes', 'visibility'],
        message: 'only department plugins set visibility',
      });
  });

export type PluginManifestInput = z.input<typeof pluginManifestSchema>;
export type PluginManifest = z.output<typeof pluginManifestSchema>;
