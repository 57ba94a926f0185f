import type { SwitchboardPlugin } from './define-plugin';
import { PluginManifest, pluginManifestSchema } from './manifest/plugin-manifest';

/** One thing wrong with a plugin: the field (relative to the plugin) and why. */
export interface PluginProblem {
  field: string;
  reason: string;
}

const issuePath = (path: PropertyKey[]) => (path.length ? path.map(String).join('.') : '(root)');

/**
 * Everything the core checks about a plugin on its own (the core adds its version range and the other plugins):
 * the manifest, hooks against handlers, automations named by stages and card actions, migrations, settings
 * defaults. The loader refuses a plugin with problems; a plugin's own test can assert there are none.
 */
export function checkPlugin<Settings>(plugin: SwitchboardPlugin<Settings>): {
  problems: PluginProblem[];
  manifest?: PluginManifest;
  defaultSettings?: unknown;
} {
  const parsed = pluginManifestSchema.safeParse(plugin.manifest);
  if (!parsed.success)
    return {
      problems: parsed.error.issues.map((i) => ({
        field: `manifest.${issuePath(i.path)}`,
        reason: i.message,
      })),
    };
  const manifest = parsed.data;
  const problems: PluginProblem[] = [];
  const declared = new Set<string>(manifest.hooks.map((h) => h.name));
  const handled = new Set(Object.keys(plugin.hooks ?? {}));
  for (const name of declared)
    if (!handled.has(name))
      problems.push({ field: `hooks.${name}`, reason: 'declared in the manifest but has no handler' });
  for (const name of handled)
    if (!declared.has(name))
      problems.push({
        field: `hooks.${name}`,
        reason: 'has a handler but is not declared in manifest.hooks',
      });
  const automations = new Set(Object.keys(plugin.automations ?? {}));
  const notAutomation = (name: string) => `"${name}" is not one of the plugin's automations`;
  manifest.contributes.pipelines.forEach((p, i) =>
    p.stages.forEach((s, j) =>
      s.onEnter.forEach((name, k) => {
        if (!automations.has(name))
          problems.push({
            field: `manifest.contributes.pipelines.${i}.stages.${j}.onEnter.${k}`,
            reason: notAutomation(name),
          });
      }),
    ),
  );
  manifest.contributes.cardActions.forEach((a, i) => {
    if (!automations.has(a.automation))
      problems.push({
        field: `manifest.contributes.cardActions.${i}.automation`,
        reason: notAutomation(a.automation),
      });
  });
  const migrationNames = new Set<string>();
  (plugin.migrations ?? []).forEach((m, i) => {
    if (!/^[0-9a-z_]{1,80}$/.test(m.name) || !m.sql.length)
      problems.push({
        field: `migrations.${i}`,
        reason: 'needs a name of lowercase letters, digits and _ and at least one SQL statement',
      });
    if (migrationNames.has(m.name))
      problems.push({ field: `migrations.${i}`, reason: `duplicate name "${m.name}"` });
    migrationNames.add(m.name);
  });
  let defaultSettings: unknown = {};
  if (plugin.settings) {
    const settings = plugin.settings.safeParse({});
    if (!settings.success)
      for (const i of settings.error.issues)
        problems.push({
          field: `settings.${issuePath(i.path)}`,
          reason: `${i.message} (settings must have defaults)`,
        });
    else defaultSettings = settings.data;
  }
  return { problems, manifest, defaultSettings };
}

/**
 * Customer-facing text the manifest lacks in `locales`: templates without a text and triage intents without
 * examples in one of them (English alone is enough for the core; a plugin that promises languages checks this).
 */
export function missingTranslations(manifest: PluginManifest, locales: string[]): string[] {
  const missing: string[] = [];
  for (const locale of locales) {
    for (const t of manifest.contributes.templates)
      if (!t.text[locale]) missing.push(`templates.${t.key}: no ${locale} text`);
    for (const intent of manifest.contributes.triageIntents)
      if (!intent.examples[locale]?.length)
        missing.push(`triageIntents.${intent.key}: no ${locale} examples`);
  }
  return missing;
}
