import { EntityManager } from '@mikro-orm/postgresql';
import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { uuidv7 } from '../ids/uuid-v7';
import { sql } from '../persistence/sql';
import { LOADED_PLUGINS, LoadedPlugins } from './loaded-plugins';

export interface InstallationRow {
  id: string;
  plugin_id: string;
  number_id: string;
  enabled: boolean;
  settings: Record<string, unknown>;
  updated_at: Date;
}

/** Activation of plugins per WhatsApp number, as data: read on every dispatch, so changes need no restart. */
@Injectable()
export class PluginInstallationsService {
  constructor(
    private readonly em: EntityManager,
    @Inject(LOADED_PLUGINS) private readonly plugins: LoadedPlugins,
  ) {}

  list(): Promise<InstallationRow[]> {
    return sql<InstallationRow>(this.em, 'select * from plugin_installations order by plugin_id, number_id');
  }

  /** Enabled installations of one number, for loaded plugins only. */
  async enabledFor(numberId: string): Promise<InstallationRow[]> {
    const rows = await sql<InstallationRow>(
      this.em,
      'select * from plugin_installations where number_id = ? and enabled',
      [numberId],
      'switchboard_enabled_installations',
    );
    return rows.filter((r) => this.plugins.some((p) => p.manifest.id === r.plugin_id));
  }

  /**
   * Installs or changes a plugin on a number. Settings are merged over the current ones (or the defaults) and must
   * pass the plugin's schema; the answer names each wrong field.
   */
  async upsert(
    numberId: string,
    pluginId: string,
    change: { enabled?: boolean; settings?: Record<string, unknown> },
  ): Promise<InstallationRow> {
    const plugin = this.plugins.find((p) => p.manifest.id === pluginId);
    if (!plugin) throw new NotFoundException(`no plugin "${pluginId}" is loaded (see plugins.enabled)`);
    const number = await sql(this.em, 'select 1 from whatsapp_numbers where id = ?', [numberId]);
    if (!number.length) throw new NotFoundException(`WhatsApp number ${numberId} not found`);
    const current = (
      await sql<InstallationRow>(
        this.em,
        'select * from plugin_installations where number_id = ? and plugin_id = ?',
        [numberId, pluginId],
      )
    )[0];
    const base = current?.settings ?? (plugin.defaultSettings as Record<string, unknown>);
    let settings: unknown = { ...base, ...(change.settings ?? {}) };
    if (plugin.plugin.settings) {
      const parsed = plugin.plugin.settings.safeParse(settings);
      if (!parsed.success)
        throw new BadRequestException(
          parsed.error.issues.map((i) => `settings.${i.path.map(String).join('.')}: ${i.message}`).join('; '),
        );
      settings = parsed.data;
    }
    const rows = await sql<InstallationRow>(
      this.em,
      `insert into plugin_installations (id, plugin_id, number_id, enabled, settings, created_at, updated_at)
       values (?, ?, ?, ?, ?::jsonb, now(), now())
       on conflict (number_id, plugin_id) do update
         set enabled = excluded.enabled, settings = excluded.settings, updated_at = now()
       returning *`,
      [uuidv7(), pluginId, numberId, change.enabled ?? current?.enabled ?? true, JSON.stringify(settings)],
    );
    return rows[0];
  }
}
