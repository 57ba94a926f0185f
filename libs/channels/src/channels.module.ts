import { Module } from '@nestjs/common';
import { ConversationsModule } from '@switchboard/conversations';
import { PipelinesModule } from '@switchboard/pipelines';
import { NumberAlertsService } from './whatsapp/alerts/number-alerts.service';
import { SilenceAlarmService } from './whatsapp/alerts/silence-alarm.service';
import { GraphClient } from './whatsapp/graph/graph-client';
import { BusinessHoursResolver } from './whatsapp/health/business-hours-resolver';
import { NumberHealthService } from './whatsapp/health/number-health.service';
import { InboundEventQueryService } from './whatsapp/inbound/inbound-event-query.service';
import { InboundEventsController } from './whatsapp/inbound/inbound-events.controller';
import { MediaDownloadService } from './whatsapp/media/media-download.service';
import { MediaStore } from './whatsapp/media/media-store';
import { MediaController } from './whatsapp/media/media.controller';
import { MediaUploadController } from './whatsapp/media/upload/media-upload.controller';
import { MediaUploadService } from './whatsapp/media/upload/media-upload.service';
import { UnsentUploadsPrune } from './whatsapp/media/upload/unsent-uploads-prune.tick';
import { DepartmentNumbers } from './whatsapp/numbers/department-numbers.service';
import { ConnectionTestService } from './whatsapp/numbers/connection-test.service';
import { NumberAdminService } from './whatsapp/numbers/number-admin.service';
import { NumberCredentialsService } from './whatsapp/numbers/number-credentials.service';
import { NumberHistory } from './whatsapp/numbers/number-history.service';
import { NumberMoveService } from './whatsapp/numbers/number-move.service';
import { NumberSwitchService } from './whatsapp/numbers/number-switch.service';
import { NumberArchiveService } from './whatsapp/numbers/number-archive.service';
import { NumberDeleteService } from './whatsapp/numbers/number-delete.service';
import { NumberRegistry } from './whatsapp/numbers/number-registry.service';
import { NumberDirectoryModule } from './whatsapp/numbers/number-directory.module';
import { WhatsappNumberService } from './whatsapp/numbers/whatsapp-number.service';
import { InboundEventService } from './whatsapp/processing/inbound-event.service';
import { MarketingConsentService } from './whatsapp/consent/marketing-consent.service';
import { ContactConsentService } from './whatsapp/consent/contact-consent.service';
import { MarketingConsentController } from './whatsapp/consent/marketing-consent.controller';
import { AccountEventQueryService } from './whatsapp/account-events/account-event-query.service';
import { AccountEventsController } from './whatsapp/account-events/account-events.controller';
import { AccountEventsService } from './whatsapp/account-events/account-events.service';
import { AccountStatusHandler } from './whatsapp/account-events/account-status.handler';
import { NumberEventsHandler } from './whatsapp/account-events/number-events.handler';
import { TemplateEventsHandler } from './whatsapp/account-events/template-events.handler';
import { UserPreferencesHandler } from './whatsapp/account-events/user-preferences.handler';
import { InboundRelayService } from './whatsapp/processing/inbound-relay.service';
import { ReplyController } from './whatsapp/sending/reply.controller';
import { ReplyService } from './whatsapp/sending/reply.service';
import { SendMessageService } from './whatsapp/sending/send-message.service';
import { TemplateSendCheck } from './whatsapp/sending/template-send-check';
import { NumberTemplatesScope } from './whatsapp/templates/number-templates-scope';
import { TemplateCreateService } from './whatsapp/templates/template-create.service';
import { TemplateQueryService } from './whatsapp/templates/template-query.service';
import { TemplateSyncService } from './whatsapp/templates/template-sync.service';
import { WebhookHandshake } from './whatsapp/webhook/webhook-handshake';
import { InboundEventWriter } from './whatsapp/webhook/inbound-event-writer';
import { WebhookIntakeService } from './whatsapp/webhook/webhook-intake.service';
import { WebhookReceiver } from './whatsapp/webhook/webhook-receiver';
import { WhatsappWebhookController } from './whatsapp/webhook/whatsapp-webhook.controller';
import { NumberTransferController } from './whatsapp/transfer/number-transfer.controller';
import { NumberTransferService } from './whatsapp/transfer/number-transfer.service';
import { TransferTargetsController } from './whatsapp/transfer/transfer-targets.controller';
import { TransferTargetsService } from './whatsapp/transfer/transfer-targets.service';

const services = [
  NumberRegistry,
  WhatsappNumberService,
  DepartmentNumbers,
  WebhookIntakeService,
  InboundEventWriter,
  WebhookReceiver,
  InboundEventService,
  InboundRelayService,
  GraphClient,
  ReplyService,
  SendMessageService,
  MediaStore,
  MediaDownloadService,
  MediaUploadService,
  UnsentUploadsPrune,
  InboundEventQueryService,
  WebhookHandshake,
  ConnectionTestService,
  NumberAdminService,
  NumberCredentialsService,
  NumberHistory,
  NumberMoveService,
  NumberSwitchService,
  NumberArchiveService,
  NumberDeleteService,
  NumberTemplatesScope,
  TemplateSyncService,
  TemplateQueryService,
  BusinessHoursResolver,
  NumberAlertsService,
  SilenceAlarmService,
  NumberHealthService,
  TemplateCreateService,
  TemplateSendCheck,
  MarketingConsentService,
  AccountEventsService,
  TemplateEventsHandler,
  NumberEventsHandler,
  AccountStatusHandler,
  UserPreferencesHandler,
  AccountEventQueryService,
  ContactConsentService,
  TransferTargetsService,
  NumberTransferService,
];

/** WhatsApp Cloud API channel: webhook intake, processing, replies, media. Processors live in ChannelsWorkerModule. */
@Module({
  imports: [ConversationsModule, PipelinesModule, NumberDirectoryModule],
  controllers: [
    WhatsappWebhookController,
    ReplyController,
    MediaController,
    MediaUploadController,
    InboundEventsController,
    AccountEventsController,
    MarketingConsentController,
    TransferTargetsController,
    NumberTransferController,
  ],
  providers: services,
  exports: services,
})
export class ChannelsModule {}
