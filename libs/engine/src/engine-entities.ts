import { OutboxEntry } from './outbox/outbox-entry.entity';
import { PluginHookFailure } from './plugins/plugin-hook-failure.entity';
import { PluginHookRun } from './plugins/plugin-hook-run.entity';
import { PluginInstallation } from './plugins/plugin-installation.entity';
import { PluginJob } from './plugins/plugin-job.entity';
import { PluginStoreEntry } from './plugins/plugin-store-entry.entity';
import { AgentConnection } from './realtime/agent-connection.entity';

/** The engine's own tables, registered in every process before the domain libs' entities. */
export const ENGINE_ENTITIES = [
  OutboxEntry,
  PluginInstallation,
  PluginHookFailure,
  PluginHookRun,
  PluginStoreEntry,
  PluginJob,
  AgentConnection,
];
