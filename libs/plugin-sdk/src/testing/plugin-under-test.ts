import { checkPlugin } from '../check-plugin';
import type { SwitchboardPlugin } from '../define-plugin';
import type { HookName, PluginManifest } from '../manifest/plugin-manifest';

/**
 * For plugin unit tests: what the core checks at boot (`checked.problems`, for the first test) and lookups that
 * name what is missing instead of failing later on an undefined.
 */
export function pluginUnderTest<Settings>(plugin: SwitchboardPlugin<Settings>) {
  const checked = checkPlugin(plugin);
  /** The manifest as the core sees it (defaults filled in). */
  const manifest = (): PluginManifest => {
    if (!checked.manifest) throw new Error('the manifest does not parse (see checked.problems)');
    return checked.manifest;
  };
  const contributes = () => manifest().contributes;
  const template = (key: string) => {
    const found = contributes().templates.find((t) => t.key === key);
    if (!found) throw new Error(`no template ${key}`);
    return found;
  };
  const hook = (name: HookName) => {
    const handler = plugin.hooks?.[name];
    if (!handler) throw new Error(`no handler for ${name}`);
    return handler;
  };
  const automation = (name: string) => {
    const handler = plugin.automations?.[name];
    if (!handler) throw new Error(`no automation ${name}`);
    return handler;
  };
  return { checked, manifest, contributes, template, hook, automation };
}
