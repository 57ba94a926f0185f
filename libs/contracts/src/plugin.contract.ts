import { z } from 'zod';

/** PUT /api/numbers/:numberId/plugins/:pluginId: settings are merged over the current ones and checked by the plugin. */
export const pluginInstallationRequest = z
  .strictObject({
    enabled: z.boolean().optional(),
    settings: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((v) => v.enabled !== undefined || v.settings !== undefined, 'give enabled, settings or both');
export type PluginInstallationRequest = z.infer<typeof pluginInstallationRequest>;

export interface PluginInstallationView {
  id: string;
  pluginId: string;
  numberId: string;
  enabled: boolean;
  settings: Record<string, unknown>;
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
