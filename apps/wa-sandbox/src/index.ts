export { startSandbox } from './sandbox-server';
export { metaJsonStringify } from './meta-json';
export { signBody } from './sign-body';
export { SimulatedCustomer } from './simulated-customer';
export { defaultTemplates } from './templates';
export type {
  SandboxTemplate,
  SandboxTemplateComponent,
  TemplateCategory,
  TemplateStatus,
} from './templates';
export { ACCOUNT_EVENT_FIELDS } from './account-event-schemas';
export type { AccountEventField, AccountEventParams } from './account-event-schemas';
export type { MessagingTier, PhoneNumberProfile, QualityRating } from './phone-number-profile';
export type { SandboxApp } from './subscribed-apps';
export type {
  AccountEventResult,
  CustomerOptions,
  DeliverOptions,
  DeliveryResult,
  FailableSendCode,
  InboundResult,
  SandboxHandle,
  SandboxNumber,
  SandboxOptions,
  StatusDelays,
  VerifyWebhookResult,
  WebhookRetryPolicy,
} from './types';
export type {
  InboundCommon,
  InboundContactCard,
  InboundOrderItem,
  InboundReferral,
  InboundSpec,
  InboundType,
} from './inbound-spec';
export type { OutboundStatus, SentRecord } from './sent-log';
export type { WebhookFaults } from './webhook-delivery.types';
export type { GraphFaultRule } from './graph-faults';
