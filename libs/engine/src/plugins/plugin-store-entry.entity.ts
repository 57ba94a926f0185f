import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** The key-value store of one installation (plugin × number), for hook state such as "already greeted". */
@Entity({ tableName: 'plugin_store' })
export class PluginStoreEntry {
  @PrimaryKey({ type: 'text' })
  pluginId!: string;

  @PrimaryKey({ type: 'uuid' })
  numberId!: string;

  @PrimaryKey({ type: 'text' })
  key!: string;

  @Property({ type: 'jsonb' })
  value!: unknown;

  /** Null: kept until deleted. Expired entries read as absent. */
  @Property({ type: 'timestamptz', nullable: true })
  expiresAt?: Date | null;

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
