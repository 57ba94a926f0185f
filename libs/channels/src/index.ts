import { MarketingConsent, MarketingConsentChange } from './whatsapp/consent/marketing-consent.entity';
import { AccountEvent } from './whatsapp/entities/account-event.entity';
import { NumberAlert } from './whatsapp/alerts/number-alert.entity';
import { NumberWatch } from './whatsapp/alerts/number-watch.entity';
import { InboundEvent } from './whatsapp/entities/inbound-event.entity';
import { MessageTemplate } from './whatsapp/entities/message-template.entity';
import { NumberEvent } from './whatsapp/entities/number-event.entity';
import { TemplateSyncState } from './whatsapp/entities/template-sync-state.entity';
import { WhatsappNumber } from './whatsapp/entities/whatsapp-number.entity';

export { ChannelsWorkerModule } from './channels-worker.module';
export { ChannelsModule } from './channels.module';
export type { InboundEventStatus, InboundItemFailure } from './whatsapp/entities/inbound-event.entity';
export type { NumberHealth } from './whatsapp/entities/whatsapp-number.entity';
export { DepartmentNumbers } from './whatsapp/numbers/department-numbers.service';
export type { DepartmentNumber } from './whatsapp/numbers/department-numbers.service';
export { NumberAlertsService } from './whatsapp/alerts/number-alerts.service';
export { SilenceAlarmService } from './whatsapp/alerts/silence-alarm.service';
export { NumberHealthService } from './whatsapp/health/number-health.service';
export { BusinessHoursResolver } from './whatsapp/health/business-hours-resolver';
export type { ResolvedBusinessHours } from './whatsapp/health/business-hours-resolver';
export { NumberAdminService } from './whatsapp/numbers/number-admin.service';
export type { OpenDepartment } from './whatsapp/numbers/number-admin.service';
export { NumberCredentialsService } from './whatsapp/numbers/number-credentials.service';
export { NumberHistory } from './whatsapp/numbers/number-history.service';
export { NumberMoveService } from './whatsapp/numbers/number-move.service';
export { NumberNamesQuery } from './whatsapp/numbers/number-names.query';
export { UnsentUploadsPrune } from './whatsapp/media/upload/unsent-uploads-prune.tick';
export { NumberSwitchService } from './whatsapp/numbers/number-switch.service';
export { NumberArchiveService } from './whatsapp/numbers/number-archive.service';
export { NumberDeleteService } from './whatsapp/numbers/number-delete.service';
export { NumberRegistry } from './whatsapp/numbers/number-registry.service';
export { WhatsappNumberService } from './whatsapp/numbers/whatsapp-number.service';
export type { RegisterNumberInput } from './whatsapp/numbers/whatsapp-number.service';
export { TemplateCreateService } from './whatsapp/templates/template-create.service';
export { TemplateQueryService } from './whatsapp/templates/template-query.service';
export { templateExists } from './whatsapp/templates/template-exists.query';
export { TemplateSyncService } from './whatsapp/templates/template-sync.service';
export { InboundEventService } from './whatsapp/processing/inbound-event.service';
export { MarketingConsentService } from './whatsapp/consent/marketing-consent.service';
export { InboundRelayService } from './whatsapp/processing/inbound-relay.service';
export { IntakeBacklog } from './whatsapp/processing/intake-backlog';
export { ReplyService } from './whatsapp/sending/reply.service';
export { RelayScheduler } from './whatsapp/processing/relay-scheduler.service';
export { normalizeInboundMessage } from './whatsapp/processing/normalize-inbound-message';
export { WebhookReceiver } from './whatsapp/webhook/webhook-receiver';
export { matchSignature } from './whatsapp/webhook/verify-signature';
export { InboundEvent, MessageTemplate, NumberEvent, TemplateSyncState, WhatsappNumber };

export const CHANNEL_ENTITIES = [
  WhatsappNumber,
  InboundEvent,
  NumberEvent,
  MessageTemplate,
  TemplateSyncState,
  NumberAlert,
  NumberWatch,
  AccountEvent,
  MarketingConsent,
  MarketingConsentChange,
];
