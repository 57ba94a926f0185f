import { Module } from '@nestjs/common';

/** Runs plugins' hooks for domain events (message received, card created and moved…), outside any one channel. */
@Module({})
export class PluginHostModule {}
