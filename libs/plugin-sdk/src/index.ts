export { definePlugin, isSwitchboardPlugin, PLUGIN_BRAND } from './define-plugin';
export type { HookContext, HookHandler, PluginDefinition, SwitchboardPlugin } from './define-plugin';
export { HOOK_NAMES, pluginManifestSchema } from './plugin-manifest';
export type { HookName, PluginManifest, PluginManifestInput } from './plugin-manifest';
