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
