import { checkPlugin, isSwitchboardPlugin, PluginManifest, SwitchboardPlugin } from '@switchboard/plugin-sdk';
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
  const rawId = (exported.manifest as { id?: unknown } | undefined)?.id;
  const { problems: own, manifest, defaultSettings } = checkPlugin(exported);
  const problems: Problem[] = own.map((p) => ({
    key: `${label(manifest?.id ?? (typeof rawId === 'string' ? rawId : undefined))} ${p.field}`,
    reason: p.reason,
  }));
  if (!manifest) return { problems };
  // What only the core knows: its own version.
  const at = (field: string) => `${label(manifest.id)} ${field}`;
  if (!semver.validRange(manifest.core))
    problems.push({ key: at('manifest.core'), reason: `"${manifest.core}" is not a semver range` });
  else if (!semver.satisfies(CORE_VERSION, manifest.core, { includePrerelease: true }))
    problems.push({
      key: at('manifest.core'),
      reason: `the plugin supports Switchboard ${manifest.core}; this is ${CORE_VERSION}`,
    });
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
