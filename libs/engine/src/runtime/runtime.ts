import { EntityClass } from '@mikro-orm/core';
import { AppConfig } from '../config/config.schema';
import { QueueConnection } from '../queue/queue-connection';

/** Everything resolved before Nest boots: the database URL (maybe embedded), the key, the queue backend. */
export interface Runtime {
  config: AppConfig;
  databaseUrl: string;
  encryptionKey: string;
  queue: QueueConnection;
  entities: EntityClass<unknown>[];
  /** Stops what prepareRuntime started (the embedded database). */
  shutdown(): Promise<void>;
}
