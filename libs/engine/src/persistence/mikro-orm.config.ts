import { EntityClass, MigrationObject, ReflectMetadataProvider } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { CORE_MIGRATIONS } from './migrations';

export interface OrmOptions {
  url: string;
  poolMax: number;
  entities: EntityClass<unknown>[];
  /** Schemas owned by others (the BullMQ PostgreSQL backend's): left out of schema diffs. */
  ignoreSchemas?: string[];
  /** Migrations run after the core's (the plugins'). */
  extraMigrations?: MigrationObject[];
}

export function buildOrmConfig(options: OrmOptions) {
  return defineConfig({
    driver: PostgreSqlDriver,
    clientUrl: options.url,
    entities: options.entities,
    metadataProvider: ReflectMetadataProvider,
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    extensions: [Migrator],
    schemaGenerator: { ignoreSchema: options.ignoreSchemas ?? ['bullmq'] },
    migrations: {
      migrationsList: [...CORE_MIGRATIONS, ...(options.extraMigrations ?? [])],
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
