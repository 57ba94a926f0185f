import { Module } from '@nestjs/common';
import { ChannelsModule } from './channels.module';
import { MediaDownloadProcessor } from './whatsapp/media/media-download.processor';
import { MessageHooksProcessor } from './whatsapp/plugins/message-hooks.processor';
import { InboundEventProcessor } from './whatsapp/processing/inbound-event.processor';
import { RelayScheduler } from './whatsapp/processing/relay-scheduler.service';
import { OutboundMessageProcessor } from './whatsapp/sending/outbound-message.processor';

/** The queue consumers; imported only by processes that run the worker role. */
@Module({
  imports: [ChannelsModule],
  providers: [
    InboundEventProcessor,
    OutboundMessageProcessor,
    MediaDownloadProcessor,
    MessageHooksProcessor,
    RelayScheduler,
  ],
  exports: [RelayScheduler],
})
export class ChannelsWorkerModule {}
