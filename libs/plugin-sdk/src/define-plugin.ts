import type { ZodType } from 'zod';
import type { HookContext, JsonValue, PluginCard } from './hook-context';
import type { HookName, PluginManifestInput } from './manifest/plugin-manifest';

/** Shared across module copies (source and compiled), so the runtime recognises any plugin object. */
export const PLUGIN_BRAND = Symbol.for('switchboard.plugin');

export type HookHandler<Settings = unknown> = (
  event: Record<string, unknown>,
  ctx: HookContext<Settings>,
) => Promise<void> | void;

/** Runs on a card: when it enters a stage that lists it in `onEnter`, or from a card action button. */
export type AutomationHandler<Settings = unknown> = (
  card: PluginCard,
  ctx: HookContext<Settings>,
) => Promise<void> | void;

export type JobHandler<Settings = unknown> = (
  data: Record<string, JsonValue>,
  ctx: HookContext<Settings>,
) => Promise<void> | void;

export interface PluginMigration {
  /** Unique within the plugin and never renamed once released, e.g. `0001_create_orders`. */
  name: string;
  sql: string[];
}

export interface PluginDefinition<Settings = unknown> {
  manifest: PluginManifestInput;
  /** Validates an installation's settings; its defaults are checked at boot. */
  settings?: ZodType<Settings>;
  /** A NestJS module class registered with the core (optional). */
  module?: new (...args: never[]) => unknown;
  /** MikroORM entity classes for the plugin's own tables, registered with the core's ORM. */
  entities?: (abstract new (...args: never[]) => unknown)[];
  /**
   * The plugin's schema changes, in order, as SQL statements. Applied at boot with the core's migrations (once
   * each, tracked as `plugin:<id>:<name>`). Name your tables `plugin_<id>_…` so they never collide.
   */
  migrations?: PluginMigration[];
  hooks?: Partial<Record<HookName, HookHandler<Settings>>>;
  automations?: Record<string, AutomationHandler<Settings>>;
  jobs?: Record<string, JobHandler<Settings>>;
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
