import { EntityClass, ReflectMetadataProvider } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { CORE_MIGRATIONS } from './migrations';

export interface OrmOptions {
  url: string;
  poolMax: number;
  entities: EntityClass<unknown>[];
}

export function buildOrmConfig(options: OrmOptions) {
  return defineConfig({
    driver: PostgreSqlDriver,
    clientUrl: options.url,
    entities: options.entities,
    metadataProvider: ReflectMetadataProvider,
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    extensions: [Migrator],
    migrations: {
      migrationsList: CORE_MIGRATIONS,
      tableName: 'schema_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    pool: { min: 0, max: options.poolMax },
    forceUtcTimezone: true,
    ignoreUndefinedInQuery: true,
    debug: false,
  });
}
