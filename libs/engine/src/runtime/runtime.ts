import { EntityClass } from '@mikro-orm/core';
import { AppConfig } from '../config/config.schema';
import type { LoadedPlugin } from '../plugins/load-plugins';
import { QueueConnection } from '../queue/queue-connection';

/** Everything resolved before Nest boots: the database URL (maybe embedded), the key, the queue backend. */
export interface Runtime {
  config: AppConfig;
  databaseUrl: string;
  encryptionKey: string;
  queue: QueueConnection;
  entities: EntityClass<unknown>[];
  /** Plugins listed in plugins.enabled, checked (boot stops naming plugin and field when one is wrong). */
  plugins: LoadedPlugin[];
  /** Stops what prepareRuntime started (the embedded database). */
  shutdown(): Promise<void>;
}
