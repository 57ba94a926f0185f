import { z } from 'zod';

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

const stage = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lowercase letters, digits and _ only'),
  name: z.string().min(1).max(60),
  category: z.enum(['open', 'waiting', 'done']),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1f883d')
    .optional(),
  wipLimit: z.number().int().min(1).optional(),
});

/**
 * What a plugin declares about itself. Checked at boot: a wrong manifest stops Switchboard with the plugin and the
 * field named.
 */
export const pluginManifestSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{1,49}$/, 'lowercase letters, digits and - (2 to 50 characters)'),
  name: z.string().min(1).max(80),
  version: z.string().regex(semverish, 'a semantic version like 1.2.3'),
  kind: z.enum(['department', 'connector', 'ai-tool']),
  /** The Switchboard versions the plugin works with, as a semver range (e.g. ^0.1.0). */
  core: z.string().min(1),
  description: z.string().max(500).optional(),
  /** Credentials an installation must reference (their values are stored sealed, never in settings). */
  credentials: z
    .array(z.strictObject({ key: z.string().regex(/^[a-zA-Z][\w.-]{0,59}$/), label: z.string().min(1) }))
    .default([]),
  /** Hook subscriptions: lower priority runs first; the timeout bounds one call. */
  hooks: z
    .array(
      z.strictObject({
        name: z.enum(HOOK_NAMES),
        priority: z.number().int().min(0).max(1000).default(100),
        timeoutMs: z.number().int().min(10).max(30_000).default(2_000),
      }),
    )
    .default([]),
  contributes: z
    .strictObject({
      pipelines: z
        .array(
          z.strictObject({
            key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lowercase letters, digits and _ only'),
            name: z.string().min(1).max(80),
            stages: z.array(stage).min(1).max(30),
          }),
        )
        .default([]),
    })
    .default({ pipelines: [] }),
});

export type PluginManifestInput = z.input<typeof pluginManifestSchema>;
export type PluginManifest = z.output<typeof pluginManifestSchema>;
