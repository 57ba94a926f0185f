import { OutboxEntry } from './outbox/outbox-entry.entity';
import { PluginHookFailure } from './plugins/plugin-hook-failure.entity';
import { PluginInstallation } from './plugins/plugin-installation.entity';

/** The engine's own tables, registered in every process before the domain libs' entities. */
export const ENGINE_ENTITIES = [OutboxEntry, PluginInstallation, PluginHookFailure];
