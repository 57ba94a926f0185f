import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { uuidv7 } from '../ids/uuid-v7';

/** A plugin activated on one WhatsApp number: data, changeable at run time without a restart. */
@Entity({ tableName: 'plugin_installations' })
@Unique({ properties: ['numberId', 'pluginId'] })
export class PluginInstallation {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'text' })
  pluginId!: string;

  @Property({ type: 'uuid' })
  numberId!: string;

  @Property({ type: 'boolean' })
  enabled: boolean = true;

  /** Validated by the plugin's settings schema on every change. */
  @Property({ type: 'jsonb' })
  settings: Record<string, unknown> = {};

  /** Credential key → value sealed with the SecretBox. Never returned by the API, never in logs or job data. */
  @Property({ type: 'jsonb', hidden: true })
  credentialsSealed: Record<string, string> = {};

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
