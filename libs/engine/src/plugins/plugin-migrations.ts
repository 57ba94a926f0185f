import type { MigrationObject } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import type { LoadedPlugin } from './load-plugins';

/**
 * Plugins' SQL migrations as MikroORM migrations, after the core's: each runs once, in the plugin's order, in the
 * same migrator run and lock as the core's, tracked as `plugin:<id>:<name>`.
 */
export function pluginMigrations(plugins: readonly LoadedPlugin[]): MigrationObject[] {
  return plugins.flatMap((p) =>
    (p.plugin.migrations ?? []).map((m) => ({
      name: `plugin:${p.manifest.id}:${m.name}`,
      class: class extends Migration {
        override async up(): Promise<void> {
          for (const statement of m.sql) this.addSql(statement);
        }
      },
    })),
  );
}
