import { loadPlugins } from '../plugins/load-plugins';
import { pluginMigrations } from '../plugins/plugin-migrations';
import { EntityClass } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { AppConfig } from '../config/config.schema';
import { resolveEncryptionKey } from '../crypto/resolve-encryption-key';
import { ENGINE_ENTITIES } from '../engine-entities';
import { startEmbeddedPostgres } from '../persistence/embedded-postgres';
import { buildOrmConfig } from '../persistence/mikro-orm.config';
import { runMigrations } from '../persistence/run-migrations';
import { configureQueueBackend } from '../queue/queue-connection';
import { Runtime } from './runtime';

export interface PrepareOptions {
  entities: EntityClass<unknown>[];
  migrate: boolean;
}

/** Resolves the database (starting the embedded one when no URL is set), migrates, and picks the queue backend. */
export async function prepareRuntime(config: AppConfig, options: PrepareOptions): Promise<Runtime> {
  const encryptionKey = resolveEncryptionKey(config);
  // Before anything starts: a wrong plugin stops boot here, naming the plugin and the field.
  const plugins = loadPlugins(config.plugins.enabled);
  let stopDb: () => Promise<void> = async () => undefined;
  let databaseUrl = config.database.url;
  if (!databaseUrl) {
    const embedded = await startEmbeddedPostgres(
      config.database.embedded.dataDir,
      config.database.embedded.port,
    );
    databaseUrl = embedded.url;
    stopDb = embedded.stop;
  }
  const entities = [
    ...ENGINE_ENTITIES,
    ...options.entities,
    ...plugins.flatMap((p) => (p.plugin.entities ?? []) as EntityClass<unknown>[]),
  ];
  if (options.migrate) {
    const orm = await MikroORM.init(
      buildOrmConfig({ url: databaseUrl, poolMax: 2, entities, extraMigrations: pluginMigrations(plugins) }),
    );
    try {
      await runMigrations(orm);
    } finally {
      await orm.close(true);
    }
  }
  const queue = configureQueueBackend(
    config.queue.redisUrl,
    databaseUrl,
    config.queue.postgresSchema,
    config.queue.prefix,
    config.queue.postgresPoolMax,
  );
  return { config, databaseUrl, encryptionKey, queue, entities, plugins, shutdown: stopDb };
}
