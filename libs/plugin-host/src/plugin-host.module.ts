import { Module } from '@nestjs/common';

/**
 * Plugins' hooks for domain events (message received, card created and moved…), outside any one channel. The
 * work runs in worker-role processes (PluginHostWorkerModule); this module is what every process imports.
 */
@Module({})
export class PluginHostModule {}
