import { Module } from '@nestjs/common';
import { ChannelsModule, IntakeBacklog } from '@switchboard/channels';
import { ConversationsModule, ReceivedMessagesQuery } from '@switchboard/conversations';
import { declareSubscribers } from '@switchboard/engine';
import { PipelinesModule, PluginCardQuery } from '@switchboard/pipelines';
import { HookCallsReader } from './hook-calls.reader';
import { HookRetries } from './hook-retries';
import { PluginCapabilities } from './plugin-capabilities';
import { PLUGIN_HOOKS_SUBSCRIBER, PluginHookSubscriber } from './plugin-hook.subscriber';
import { PluginJobsProcessor } from './plugin-jobs.processor';

/**
 * Plugin code on the worker: hooks for domain events (with their retries), card actions and plugin jobs. Imported
 * only by processes that run the worker role.
 */
@Module({
  imports: [ChannelsModule, ConversationsModule, PipelinesModule],
  providers: [
    // Read services of the owning libraries that only the plugin host uses (no state: provided here).
    ReceivedMessagesQuery,
    PluginCardQuery,
    IntakeBacklog,
    PluginCapabilities,
    HookCallsReader,
    PluginHookSubscriber,
    HookRetries,
    PluginJobsProcessor,
    declareSubscribers('PluginHostWorkerModule', [PLUGIN_HOOKS_SUBSCRIBER]),
  ],
})
export class PluginHostWorkerModule {}
