import { Module } from '@nestjs/common';
import { PipelinesModule } from '@switchboard/pipelines';
import { ChannelsModule } from './channels.module';
import { SilenceCheckProcessor } from './whatsapp/alerts/silence-check.processor';
import { TemplateResyncProcessor } from './whatsapp/account-events/template-resync.processor';
import { MediaDownloadProcessor } from './whatsapp/media/media-download.processor';
import { HookDeliveryRepository } from './whatsapp/plugins/hook-delivery.repository';
import { PluginCapabilities } from './whatsapp/plugins/plugin-capabilities';
import { PluginHooksProcessor } from './whatsapp/plugins/plugin-hooks.processor';
import { InboundEventProcessor } from './whatsapp/processing/inbound-event.processor';
import { RelayScheduler } from './whatsapp/processing/relay-scheduler.service';
import { OutboundMessageProcessor } from './whatsapp/sending/outbound-message.processor';

/** The queue consumers; imported only by processes that run the worker role. */
@Module({
  imports: [ChannelsModule, PipelinesModule],
  providers: [
    InboundEventProcessor,
    OutboundMessageProcessor,
    MediaDownloadProcessor,
    HookDeliveryRepository,
    PluginCapabilities,
    PluginHooksProcessor,
    RelayScheduler,
    SilenceCheckProcessor,
    TemplateResyncProcessor,
  ],
  exports: [RelayScheduler],
})
export class ChannelsWorkerModule {}
