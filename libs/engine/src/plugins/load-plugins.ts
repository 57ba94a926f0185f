import {
  isSwitchboardPlugin,
  PluginManifest,
  pluginManifestSchema,
  SwitchboardPlugin,
} from '@switchboard/plugin-sdk';
import { isAbsolute, resolve } from 'node:path';
import semver from 'semver';
import { ConfigError } from '../config/config-error';
import { CORE_VERSION } from './core-version';

export interface LoadedPlugin {
  /** As listed in `plugins.enabled`. */
  entry: string;
  manifest: PluginManifest;
  plugin: SwitchboardPlugin;
  /** The plugin's settings schema applied to `{}`: what an installation starts with. */
  defaultSettings: unknown;
}

type Problem = { key: string; reason: string };

const issuePath = (path: PropertyKey[]) => (path.length ? path.map(String).join('.') : '(root)');

function requireEntry(entry: string, cwd: string): unknown {
  const target =
    entry.startsWith('.') || isAbsolute(entry)
      ? resolve(cwd, entry)
      : require.resolve(entry, { paths: [cwd] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- plugins are found at run time, by config.
  const mod = require(target) as { default?: unknown; plugin?: unknown };
  return mod.default ?? mod.plugin ?? mod;
}

/** Checks one plugin; returns its problems (empty when it is fine). */
function check(entry: string, exported: unknown): { problems: Problem[]; loaded?: LoadedPlugin } {
  const label = (id?: string) => `plugins.enabled[${id ?? entry}]`;
  if (!isSwitchboardPlugin(exported))
    return {
      problems: [
        { key: label(), reason: 'does not export a plugin made with definePlugin() (default export)' },
      ],
    };
  const parsed = pluginManifestSchema.safeParse(exported.manifest);
  const rawId = (exported.manifest as { id?: unknown } | undefined)?.id;
  const id = typeof rawId === 'string' ? rawId : undefined;
  if (!parsed.success)
    return {
      problems: parsed.error.issues.map((i) => ({
        key: `${label(id)} manifest.${issuePath(i.path)}`,
        reason: i.message,
      })),
    };
  const manifest = parsed.data;
  const problems: Problem[] = [];
  const at = (field: string) => `${label(manifest.id)} ${field}`;
  if (!semver.validRange(manifest.core))
    problems.push({ key: at('manifest.core'), reason: `"${manifest.core}" is not a semver range` });
  else if (!semver.satisfies(CORE_VERSION, manifest.core, { includePrerelease: true }))
    problems.push({
      key: at('manifest.core'),
      reason: `the plugin supports Switchboard ${manifest.core}; this is ${CORE_VERSION}`,
    });
  const declared = new Set(manifest.hooks.map((h) => h.name));
  const handled = new Set(Object.keys(exported.hooks ?? {}));
  for (const name of declared)
    if (!handled.has(name))
      problems.push({ key: at(`hooks.${name}`), reason: 'declared in the manifest but has no handler' });
  for (const name of handled)
    if (!declared.has(name as never))
      problems.push({
        key: at(`hooks.${name}`),
        reason: 'has a handler but is not declared in manifest.hooks',
      });
  const automations = new Set(Object.keys(exported.automations ?? {}));
  manifest.contributes.pipelines.forEach((p, i) =>
    p.stages.forEach((s, j) =>
      s.onEnter.forEach((name, k) => {
        if (!automations.has(name))
          problems.push({
            key: at(`manifest.contributes.pipelines.${i}.stages.${j}.onEnter.${k}`),
            reason: `"${name}" is not one of the plugin's automations`,
          });
      }),
    ),
  );
  manifest.contributes.cardActions.forEach((a, i) => {
    if (!automations.has(a.automation))
      problems.push({
        key: at(`manifest.contributes.cardActions.${i}.automation`),
        reason: `"${a.automation}" is not one of the plugin's automations`,
      });
  });
  const migrationNames = new Set<string>();
  (exported.migrations ?? []).forEach((m, i) => {
    if (!/^[0-9a-z_]{1,80}$/.test(m.name) || !m.sql.length)
      problems.push({
        key: at(`migrations.${i}`),
        reason: 'needs a name of lowercase letters, digits and _ and at least one SQL statement',
      });
    if (migrationNames.has(m.name))
      problems.push({ key: at(`migrations.${i}`), reason: `duplicate name "${m.name}"` });
    migrationNames.add(m.name);
  });
  let defaultSettings: unknown = {};
  if (exported.settings) {
    const settings = exported.settings.safeParse({});
    if (!settings.success)
      for (const i of settings.error.issues)
        problems.push({
          key: at(`settings.${issuePath(i.path)}`),
          reason: `${i.message} (settings must have defaults)`,
        });
    else defaultSettings = settings.data;
  }
  return problems.length
    ? { problems }
    : { problems, loaded: { entry, manifest, plugin: exported, defaultSettings } };
}

/**
 * Loads the plugins listed in `plugins.enabled` (local folders relative to the working directory, or npm package
 * names), and refuses to boot, naming plugin and field, when a manifest, the core version range, the hooks or the
 * settings defaults are wrong, or when two plugins share an id.
 */
export function loadPlugins(entries: string[], cwd = process.cwd()): LoadedPlugin[] {
  const problems: Problem[] = [];
  const loaded: LoadedPlugin[] = [];
  for (const entry of entries) {
    let exported: unknown;
    try {
      exported = requireEntry(entry, cwd);
    } catch (e) {
      problems.push({
        key: `plugins.enabled[${entry}]`,
        reason: `cannot be loaded: ${(e as Error).message.split('\n')[0]}`,
      });
      continue;
    }
    const result = check(entry, exported);
    problems.push(...result.problems);
    if (result.loaded) {
      if (loaded.some((p) => p.manifest.id === result.loaded!.manifest.id))
        problems.push({
          key: `plugins.enabled[${result.loaded.manifest.id}]`,
          reason: 'another enabled plugin has the same id',
        });
      else loaded.push(result.loaded);
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return loaded;
}
