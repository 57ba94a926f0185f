import type { NumberPluginsView } from '@switchboard/contracts';
import type { InstallationRow, LoadedPlugins } from '@switchboard/engine';
import { settingsFormOf } from './plugin-settings-form';

/**
 * Every loaded plugin with its settings form and its installation on the number. Credentials come back as set or
 * not set: their values are sealed in the database and never leave it through here.
 */
export function numberPluginsView(
  numberId: string,
  plugins: LoadedPlugins,
  installations: InstallationRow[],
): NumberPluginsView {
  const installed = new Map(
    installations.filter((r) => r.number_id === numberId).map((r) => [r.plugin_id, r] as const),
  );
  return {
    numberId,
    plugins: plugins.map((p) => {
      const row = installed.get(p.manifest.id);
      const set = new Set(row?.credential_keys ?? []);
      return {
        id: p.manifest.id,
        name: p.manifest.name,
        version: p.manifest.version,
        kind: p.manifest.kind,
        description: p.manifest.description ?? null,
        fields: settingsFormOf(p),
        installation: row
          ? {
              enabled: row.enabled,
              settings: row.settings,
              credentials: p.manifest.credentials.map((c) => ({ key: c.key, set: set.has(c.key) })),
              updatedAt: new Date(row.updated_at).toISOString(),
            }
          : null,
      };
    }),
  };
}
