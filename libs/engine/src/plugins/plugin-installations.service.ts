import { EntityManager } from '@mikro-orm/postgresql';
import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { SecretBox } from '../crypto/secret-box';
import { NumberDirectory } from '../directories/number-directory';
import { uuidv7 } from '../ids/uuid-v7';
import { sql } from '../persistence/sql';
import type { LoadedPlugin } from './load-plugins';
import { LOADED_PLUGINS, LoadedPlugins } from './loaded-plugins';

export interface InstallationRow {
  id: string;
  plugin_id: string;
  number_id: string;
  enabled: boolean;
  settings: Record<string, unknown>;
  /** Keys of the credentials that are set; their values never leave this service unsealed. */
  credential_keys: string[];
  updated_at: Date;
}

/** One refused field of a change (`settings.language`, `credentials.apiKey`) and why. */
interface Problem {
  field: string;
  problem: string;
}

export interface InstallationChange {
  enabled?: boolean;
  settings?: Record<string, unknown>;
  /** A value sets the credential, null removes it; absent keys are left as they are. */
  credentials?: Record<string, string | null>;
}

const COLUMNS = `id, plugin_id, number_id, enabled, settings,
  array(select jsonb_object_keys(credentials_sealed) order by 1) as credential_keys, updated_at`;

/** Activation of plugins per WhatsApp number, as data: read on every dispatch, so changes need no restart. */
@Injectable()
export class PluginInstallationsService {
  constructor(
    private readonly em: EntityManager,
    private readonly box: SecretBox,
    @Inject(LOADED_PLUGINS) private readonly plugins: LoadedPlugins,
    private readonly numbers: NumberDirectory,
  ) {}

  loaded(): LoadedPlugins {
    return this.plugins;
  }

  plugin(pluginId: string): LoadedPlugin | undefined {
    return this.plugins.find((p) => p.manifest.id === pluginId);
  }

  list(): Promise<InstallationRow[]> {
    return sql<InstallationRow>(
      this.em,
      `select ${COLUMNS} from plugin_installations order by plugin_id, number_id`,
    );
  }

  /**
   * The enabled installations of `pluginIds`, on `numberIds` when given (else on any number): one query, for
   * libraries that join installations with their own rows (department plugins per department, card actions).
   */
  enabledInstallations(
    em: EntityManager,
    pluginIds: readonly string[],
    numberIds?: readonly string[],
  ): Promise<{ plugin_id: string; number_id: string }[]> {
    return sql<{ plugin_id: string; number_id: string }>(
      em,
      `select plugin_id, number_id from plugin_installations
        where enabled and plugin_id = any(?::text[]) and (?::uuid[] is null or number_id = any(?::uuid[]))`,
      [[...pluginIds], numberIds ? [...numberIds] : null, numberIds ? [...numberIds] : null],
    );
  }

  /**
   * Removes everything plugins keep for a number being deleted: installations (with their sealed credentials),
   * stored values, scheduled jobs and hook failures. On the caller's transaction.
   */
  async forgetNumber(em: EntityManager, numberId: string): Promise<void> {
    for (const table of ['plugin_installations', 'plugin_store', 'plugin_jobs', 'plugin_hook_failures'])
      await sql(em, `delete from ${table} where number_id = ?`, [numberId]);
  }

  /** Enabled installations of one number, for loaded plugins only. */
  async enabledFor(numberId: string): Promise<InstallationRow[]> {
    const rows = await sql<InstallationRow>(
      this.em,
      `select ${COLUMNS} from plugin_installations where number_id = ? and enabled`,
      [numberId],
      'switchboard_enabled_installations',
    );
    return rows.filter((r) => this.plugin(r.plugin_id));
  }

  /** One credential of an installation, unsealed for the plugin's own use (never logged or returned by the API). */
  async credential(pluginId: string, numberId: string, key: string): Promise<string | undefined> {
    const [row] = await sql<{ sealed: string | null }>(
      this.em,
      'select credentials_sealed ->> ? as sealed from plugin_installations where plugin_id = ? and number_id = ?',
      [key, pluginId, numberId],
    );
    return row?.sealed ? this.box.open(row.sealed) : undefined;
  }

  /**
   * Installs or changes a plugin on a number, inside `em`'s transaction when given. Settings are merged over the
   * current ones (or the defaults) and must pass the plugin's schema; credentials must be ones the manifest
   * declares, and an enabled installation needs every required one. The answer names each wrong field.
   */
  async upsert(
    numberId: string,
    pluginId: string,
    change: InstallationChange,
    em: EntityManager = this.em,
  ): Promise<InstallationRow> {
    const plugin = this.plugin(pluginId);
    if (!plugin) throw new NotFoundException(`no plugin "${pluginId}" is loaded (see plugins.enabled)`);
    const [number] = await this.numbers.describe(em, [numberId]);
    if (!number) throw new NotFoundException(`WhatsApp number ${numberId} not found`);
    const [current] = await sql<{
      enabled: boolean;
      settings: Record<string, unknown>;
      credentials_sealed: Record<string, string>;
    }>(
      em,
      'select enabled, settings, credentials_sealed from plugin_installations where number_id = ? and plugin_id = ? for update',
      [numberId, pluginId],
    );
    const problems: Problem[] = [];
    const settings = this.checkSettings(
      plugin,
      { ...(current?.settings ?? {}), ...(change.settings ?? {}) },
      problems,
    );
    const sealed = { ...(current?.credentials_sealed ?? {}) };
    for (const [key, value] of Object.entries(change.credentials ?? {})) {
      if (!plugin.manifest.credentials.some((c) => c.key === key))
        problems.push({ field: `credentials.${key}`, problem: 'the plugin declares no such credential' });
      else if (value === null) delete sealed[key];
      else if (!value)
        problems.push({ field: `credentials.${key}`, problem: 'must not be empty (use null to remove it)' });
      else sealed[key] = this.box.seal(value);
    }
    const enabled = change.enabled ?? current?.enabled ?? true;
    if (enabled)
      for (const c of plugin.manifest.credentials)
        if (!c.optional && !sealed[c.key])
          problems.push({
            field: `credentials.${c.key}`,
            problem: `required to enable the plugin (${c.label})`,
          });
    // Shaped like the validation pipe's refusals, so a form can put each problem beside its field.
    if (problems.length)
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: problems.map((p) => `${p.field}: ${p.problem}`).join('; '),
        problems,
      });
    const [row] = await sql<InstallationRow>(
      em,
      `insert into plugin_installations (id, plugin_id, number_id, enabled, settings, credentials_sealed, created_at, updated_at)
       values (?, ?, ?, ?, ?::jsonb, ?::jsonb, now(), now())
       on conflict (number_id, plugin_id) do update
         set enabled = excluded.enabled, settings = excluded.settings,
             credentials_sealed = excluded.credentials_sealed, updated_at = now()
       returning ${COLUMNS}`,
      [uuidv7(), pluginId, numberId, enabled, JSON.stringify(settings), JSON.stringify(sealed)],
    );
    return row;
  }

  /** Defaults first, then the stored and changed values; the plugin's schema has the last word. */
  private checkSettings(plugin: LoadedPlugin, merged: Record<string, unknown>, problems: Problem[]): unknown {
    const candidate = { ...(plugin.defaultSettings as Record<string, unknown>), ...merged };
    if (!plugin.plugin.settings) return candidate;
    const parsed = plugin.plugin.settings.safeParse(candidate);
    if (parsed.success) return parsed.data;
    for (const i of parsed.error.issues)
      problems.push({ field: `settings.${i.path.map(String).join('.')}`, problem: i.message });
    return candidate;
  }
}
