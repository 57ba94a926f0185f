import { Module } from '@nestjs/common';
import { PipelinesModule } from '@switchboard/pipelines';
import { ChannelsModule } from './channels.module';
import { SilenceCheckProcessor } from './whatsapp/alerts/silence-check.processor';
import { NumberFieldsRereadService } from './whatsapp/account-events/number-fields-reread.service';
import { TemplateResyncCoalescer } from './whatsapp/account-events/template-resync-coalescer';
import { GraphRereadProcessor } from './whatsapp/account-events/graph-reread.processor';
import { MediaDownloadProcessor } from './whatsapp/media/media-download.processor';
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
    RelayScheduler,
    SilenceCheckProcessor,
    GraphRereadProcessor,
    TemplateResyncCoalescer,
    NumberFieldsRereadService,
  ],
  exports: [RelayScheduler],
})
export class ChannelsWorkerModule {}
