import type { ZodType } from 'zod';
import type { HookName, PluginManifestInput } from './plugin-manifest';

/** Shared across module copies (source and compiled), so the runtime recognises any plugin object. */
export const PLUGIN_BRAND = Symbol.for('switchboard.plugin');

/** What a hook receives. It grows with the core: cards, notes, messages, jobs, a key-value store, HTTP. */
export interface HookContext {
  pluginId: string;
  numberId: string;
  departmentId: string;
  settings: unknown;
  log(message: string): void;
}

export type HookHandler = (event: Record<string, unknown>, ctx: HookContext) => Promise<void> | void;

export interface PluginDefinition<Settings = unknown> {
  manifest: PluginManifestInput;
  /** Validates an installation's settings; its defaults are checked at boot. */
  settings?: ZodType<Settings>;
  /** A NestJS module class registered with the core (optional). */
  module?: new (...args: never[]) => unknown;
  hooks?: Partial<Record<HookName, HookHandler>>;
}

export interface SwitchboardPlugin<Settings = unknown> extends PluginDefinition<Settings> {
  readonly [PLUGIN_BRAND]: true;
}

/** The one entry point of a plugin: `export default definePlugin({ manifest, settings, hooks })`. */
export function definePlugin<Settings>(definition: PluginDefinition<Settings>): SwitchboardPlugin<Settings> {
  return Object.freeze({ ...definition, [PLUGIN_BRAND]: true as const });
}

export function isSwitchboardPlugin(value: unknown): value is SwitchboardPlugin {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[PLUGIN_BRAND] === true
  );
}
