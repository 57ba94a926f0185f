import { z } from 'zod';

/** PUT /api/numbers/:numberId/plugins/:pluginId: settings are merged over the current ones and checked by the plugin. */
export const pluginInstallationRequest = z
  .strictObject({
    enabled: z.boolean().optional(),
    settings: z.record(z.string(), z.unknown()).optional(),
    /** Write-only: a value sets a credential (stored encrypted), null removes it. */
    credentials: z.record(z.string(), z.string().max(4096).nullable()).optional(),
  })
  .refine(
    (v) => v.enabled !== undefined || v.settings !== undefined || v.credentials !== undefined,
    'give enabled, settings, credentials or a combination',
  );
export type PluginInstallationRequest = z.infer<typeof pluginInstallationRequest>;

export interface PluginInstallationView {
  id: string;
  pluginId: string;
  numberId: string;
  enabled: boolean;
  settings: Record<string, unknown>;
  /** Keys of the credentials that are set; values are never returned. */
  credentials: string[];
  updatedAt: string;
}

export interface PluginHookFailureView {
  id: string;
  at: string;
  pluginId: string;
  numberId: string;
  hook: string;
  kind: 'error' | 'timeout';
  message: string;
  subjectId: string | null;
}

/** Text a plugin declares in several languages (`en` always there); the reader's language is picked from it. */
export type PluginText = Record<string, string>;

/**
 * How the admin screen edits one setting. `json`: a value no simpler control fits (an object, a list), edited as
 * JSON. `secret`: a credential of the manifest, write-only.
 */
export type PluginSettingType = 'text' | 'number' | 'boolean' | 'select' | 'json' | 'secret';

/** One field of a plugin's settings form, read from its settings schema (or, for a secret, its manifest). */
export interface PluginSettingFieldView {
  key: string;
  type: PluginSettingType;
  label: PluginText;
  description: PluginText | null;
  /** Must have a value (a setting without a default, a credential the plugin cannot be enabled without). */
  required: boolean;
  /** A credential: its value is sent, sealed and never shown; only whether it is set is read back. */
  secret: boolean;
  /** select: the allowed values. */
  options: { value: string; label: PluginText }[] | null;
  /** number: bounds and whether it must be whole. */
  minimum: number | null;
  maximum: number | null;
  integer: boolean;
  /** The value an installation starts with (null when none; never for a secret). */
  default: unknown;
}

/** A plugin's installation on one number: its settings, and for each credential only whether it is set. */
export interface NumberPluginInstallationView {
  enabled: boolean;
  settings: Record<string, unknown>;
  credentials: { key: string; set: boolean }[];
  updatedAt: string;
}

/** A loaded plugin as the number's admin panel sees it: what it is, its settings form, its installation if any. */
export interface NumberPluginView {
  id: string;
  name: string;
  version: string;
  kind: 'department' | 'connector' | 'ai-tool';
  description: string | null;
  fields: PluginSettingFieldView[];
  installation: NumberPluginInstallationView | null;
}

/** GET /api/numbers/:numberId/plugins. */
export interface NumberPluginsView {
  numberId: string;
  plugins: NumberPluginView[];
}
