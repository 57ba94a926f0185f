import type { LoadedPlugin } from './load-plugins';

/** Injection token for the plugins loaded at boot (runtime.plugins). */
export const LOADED_PLUGINS = Symbol('LOADED_PLUGINS');
export type LoadedPlugins = readonly LoadedPlugin[];
