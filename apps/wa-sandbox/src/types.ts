import type { AccountEventField, AccountEventParams } from './account-event-schemas';
import type { InboundSpec } from './inbound-spec';
import type { PhoneNumberProfile } from './phone-number-profile';
import type { SandboxTemplate } from './templates';
import type { SentRecord } from './sent-log';
import type { SimulatedCustomer } from './simulated-customer';
import type { SandboxApp } from './subscribed-apps';
import type {
  DeliverOptions,
  DeliveryResult,
  WebhookFaults,
  WebhookRetryPolicy,
} from './webhook-delivery.types';
import type { GraphFaultRule } from './graph-faults';

export type {
  DeliverOptions,
  DeliveryResult,
  InboundResult,
  WebhookFaults,
  WebhookRetryPolicy,
} from './webhook-delivery.types';

export interface SandboxNumber {
  phoneNumberId: string;
  /** Digits only, e.g. '15550000001'. */
  displayPhoneNumber: string;
  wabaId: string;
  /** Bearer token Switchboard must send to the Graph endpoints for this number. */
  accessToken: string;
  /** HMAC key for X-Hub-Signature-256 on webhooks for this number. */
  appSecret: string;
  /** Where webhooks for this number are POSTed. */
  webhookUrl: string;
  /** For the GET hub.* handshake. */
  verifyToken: string;
  /** Initial display name, quality rating, tier and statuses (defaults: GREEN, TIER_1K, APPROVED…). */
  profile?: Partial<PhoneNumberProfile>;
}

export interface StatusDelays {
  sent: number;
  delivered: number;
  /** -1 never emits read. */
  read: number;
}

export interface SandboxOptions {
  /** 0 = random (default). */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  numbers: SandboxNumber[];
  statusDelaysMs?: StatusDelays;
  /** Per number; sends above it in a rolling second get 130429. Default 80. */
  throughputPerSecond?: number;
  /** 131056 per (number, customer). Off by default so tests are not flaky; faithful values: 45 / 6000 ms. */
  pairRate?: { burst: number; windowMs: number } | false;
  webhookRetry?: WebhookRetryPolicy;
  webhookTimeoutMs?: number;
  /** Seeded into every WABA unless a template names its `wabaId`. Default: defaultTemplates(). */
  templates?: SandboxTemplate[];
  /** The app listed by GET /{waba}/subscribed_apps. */
  app?: SandboxApp;
  /** WABAs the app starts subscribed to. Default: every configured WABA; [] = none (POST subscribes). */
  subscribedWabas?: string[];
  /** Clock (ms) for the 24 h window, timestamps and media URL expiry. Default Date.now. */
  now?: () => number;
}

export interface VerifyWebhookResult {
  ok: boolean;
  status: number;
  body: string;
  challenge: string;
}

/** An account/template event the sandbox emitted: the change's field and value, and each delivery's first attempt. */
export interface AccountEventResult {
  field: string;
  value: Record<string, unknown>;
  deliveries: DeliveryResult[];
}

export type FailableSendCode = 130429 | 131056 | 131000 | 131016;

export interface CustomerOptions {
  name?: string;
  /** Business-scoped user id, e.g. 'BR.8412093375510264'. */
  bsuid?: string;
  /** Which sandbox number the customer writes to; default the first configured number. */
  phoneNumberId?: string;
}

export interface SandboxHandle {
  /** Graph base URL, e.g. 'http://127.0.0.1:43123'. */
  url: string;
  graphVersion: string;
  customer(waId: string, opts?: CustomerOptions): SimulatedCustomer;
  deliver(phoneNumberId: string, payload: unknown, opts?: DeliverOptions): Promise<DeliveryResult>;
  sendBatch(
    phoneNumberId: string,
    messages: InboundSpec[],
    opts?: { from?: string[]; perPost?: number },
  ): Promise<{ wamids: string[]; results: DeliveryResult[] }>;
  verifyWebhook(phoneNumberId: string, opts?: { verifyToken?: string }): Promise<VerifyWebhookResult>;
  sent(phoneNumberId?: string): SentRecord[];
  setTokenValid(phoneNumberId: string, valid: boolean): void;
  failNextSends(phoneNumberId: string, count: number, code: FailableSendCode): void;
  /** The next `count` sends are accepted and delivered, but their HTTP response is lost (connection destroyed). */
  loseNextSendResponses(phoneNumberId: string, count: number): void;
  /**
   * The next accepted send on this number gets this wamid (queue several by calling again). `statuses: false`:
   * the sandbox sends no status webhooks for it, so the only statuses it gets are those the test delivers.
   */
  setNextWamid(phoneNumberId: string, wamid: string, opts?: { statuses?: boolean }): void;
  setWebhookFaults(f: WebhookFaults): void;
  /**
   * Graph requests matching a rule answer its Meta error instead (after the token check); replaces the rules in
   * force, `[]` clears them. E.g. the template list failing while the connection test passes.
   */
  setGraphFaults(rules: GraphFaultRule[]): void;
  /** Points a number's webhooks elsewhere (e.g. once Switchboard has bound its port). */
  setWebhookUrl(phoneNumberId: string, url: string): void;
  /**
   * Applies an account or template event (quality, tier, name, template review…) and delivers it as a signed
   * webhook in Meta's shape. Params are validated; unknown numbers, WABAs or templates throw.
   */
  accountEvent<F extends AccountEventField>(
    field: F,
    params: AccountEventParams<F>,
  ): Promise<AccountEventResult>;
  /** Delivers any `field` with any `value` (for fields the project has not seen yet); changes no state. */
  rawAccountEvent(params: {
    field: string;
    value: Record<string, unknown>;
    wabaId?: string;
    phoneNumberId?: string;
  }): Promise<AccountEventResult>;
  /** Silent change of what GET /{phone-number-id} reports (no webhook). */
  setNumberProfile(phoneNumberId: string, patch: Partial<PhoneNumberProfile>): void;
  /** Whether the app is subscribed to the WABA (what GET /{waba}/subscribed_apps lists). */
  setAppSubscribed(wabaId: string, subscribed: boolean): void;
  pendingDeliveries(): number;
  close(): Promise<void>;
}
