import {
  accountEventEnvelope,
  buildAccountEvent,
  buildRawEvent,
  rawEventSchema,
  type BuiltAccountEvent,
} from './account-events';
import type { AccountEventField, AccountEventParams } from './account-event-schemas';
import { inboundSenders } from './customer-window';
import { profilePatchSchema, type PhoneNumberProfile } from './phone-number-profile';
import { InboundMessageFactory } from './inbound-message.factory';
import type { InboundSpec } from './inbound-spec';
import type { SandboxContext } from './sandbox-context';
import type { SentRecord } from './sent-log';
import { SimulatedCustomer, type InboundPort } from './simulated-customer';
import type {
  AccountEventResult,
  CustomerOptions,
  DeliverOptions,
  DeliveryResult,
  FailableSendCode,
  InboundResult,
  SandboxHandle,
  VerifyWebhookResult,
} from './types';
import { verifyWebhook } from './verify-webhook';
import { UnknownReferenceError } from './unknown-reference.error';
import type { WebhookDeliverer } from './webhook-deliverer';
import type { WebhookFaults } from './webhook-delivery.types';
import type { GraphFaultRule } from './graph-faults';
import { messagesEnvelope } from './webhook-envelope';

const MAX_UPDATES_PER_POST = 1000;
const DEFAULT_BATCH_SENDER = '5511987650000';
const BATCH_POST_CONCURRENCY = 8;

/** The handle: simulated customers, webhook delivery and fault switches over one sandbox context. */
export class Sandbox implements SandboxHandle, InboundPort {
  readonly graphVersion = 'v24.0';
  private readonly factory: InboundMessageFactory;

  constructor(
    private readonly ctx: SandboxContext,
    private readonly deliverer: WebhookDeliverer,
    private readonly controls: {
      setFaults: (faults: WebhookFaults) => void;
      webhookTimeoutMs: number;
      closeServer: () => Promise<void>;
    },
  ) {
    this.factory = new InboundMessageFactory({ media: ctx.media, now: ctx.now, baseUrl: ctx.baseUrl });
  }

  get url(): string {
    return this.ctx.baseUrl();
  }

  customer(waId: string, opts: CustomerOptions = {}): SimulatedCustomer {
    if (!/^\d+$/.test(waId)) throw new Error(`wa-sandbox: waId must be digits only (${waId})`);
    const phoneNumberId = opts.phoneNumberId ?? this.ctx.numbers.first().config.phoneNumberId;
    this.ctx.numbers.require(phoneNumberId);
    this.ctx.customers.upsert(waId, { name: opts.name, bsuid: opts.bsuid });
    return new SimulatedCustomer(this, waId, phoneNumberId);
  }

  async sendInbound(
    phoneNumberId: string,
    waId: string,
    spec: InboundSpec,
    opts?: DeliverOptions,
  ): Promise<InboundResult> {
    const number = this.ctx.numbers.require(phoneNumberId).config;
    const profile = this.ctx.customers.get(waId) ?? this.ctx.customers.upsert(waId);
    const built = this.factory.build(number, profile, spec);
    const payload = messagesEnvelope(number, { contacts: [built.contact], messages: [built.message] });
    const result = await this.deliver(phoneNumberId, payload, opts);
    return { wamid: built.wamid, result };
  }

  /** Any payload, serialized and signed like Meta. Inbound messages in it refresh the senders' windows. */
  deliver(phoneNumberId: string, payload: unknown, opts?: DeliverOptions): Promise<DeliveryResult> {
    const number = this.ctx.numbers.require(phoneNumberId).config;
    for (const [numberId, waId] of inboundSenders(payload, phoneNumberId))
      this.ctx.window.touch(numberId, waId);
    return this.deliverer.deliver({ url: number.webhookUrl, appSecret: number.appSecret }, payload, opts);
  }

  /** Many inbound messages in as few POSTs as `perPost` allows (one entry, one change, ≤1000 updates). */
  async sendBatch(
    phoneNumberId: string,
    messages: InboundSpec[],
    opts: { from?: string[]; perPost?: number } = {},
  ): Promise<{ wamids: string[]; results: DeliveryResult[] }> {
    const number = this.ctx.numbers.require(phoneNumberId).config;
    const from = opts.from && opts.from.length > 0 ? opts.from : [DEFAULT_BATCH_SENDER];
    const perPost = Math.max(1, Math.min(opts.perPost ?? MAX_UPDATES_PER_POST, MAX_UPDATES_PER_POST));
    const wamids: string[] = [];
    const payloads: unknown[] = [];
    for (let start = 0; start < messages.length; start += perPost) {
      const contacts = new Map<string, Record<string, unknown>>();
      const items: Record<string, unknown>[] = [];
      messages.slice(start, start + perPost).forEach((spec, offset) => {
        const waId = from[(start + offset) % from.length];
        const profile = this.ctx.customers.get(waId) ?? this.ctx.customers.upsert(waId);
        const built = this.factory.build(number, profile, spec);
        if (!contacts.has(waId)) contacts.set(waId, built.contact);
        items.push(built.message);
        wamids.push(built.wamid);
      });
      payloads.push(messagesEnvelope(number, { contacts: [...contacts.values()], messages: items }));
    }
    const results = await mapWithConcurrency(payloads, BATCH_POST_CONCURRENCY, (payload) =>
      this.deliver(phoneNumberId, payload),
    );
    return { wamids, results };
  }

  verifyWebhook(phoneNumberId: string, opts: { verifyToken?: string } = {}): Promise<VerifyWebhookResult> {
    const number = this.ctx.numbers.require(phoneNumberId).config;
    return verifyWebhook(number, {
      verifyToken: opts.verifyToken,
      timeoutMs: this.controls.webhookTimeoutMs,
    });
  }

  sent(phoneNumberId?: string): SentRecord[] {
    return this.ctx.sentLog.list(phoneNumberId);
  }

  setTokenValid(phoneNumberId: string, valid: boolean): void {
    const state = this.ctx.numbers.require(phoneNumberId);
    state.tokenExpiredAt = valid ? undefined : (state.tokenExpiredAt ?? this.ctx.now());
  }

  failNextSends(phoneNumberId: string, count: number, code: FailableSendCode): void {
    this.ctx.numbers.failNext(phoneNumberId, count, code);
  }

  loseNextSendResponses(phoneNumberId: string, count: number): void {
    this.ctx.numbers.require(phoneNumberId).responsesToLose += count;
  }

  setNextWamid(phoneNumberId: string, wamid: string, opts: { statuses?: boolean } = {}): void {
    this.ctx.numbers.require(phoneNumberId).presetWamids.push({ wamid, statuses: opts.statuses ?? true });
  }

  setWebhookFaults(faults: WebhookFaults): void {
    this.controls.setFaults({ ...faults });
  }

  setGraphFaults(rules: GraphFaultRule[]): void {
    this.ctx.graphFaults.set(rules);
  }

  setWebhookUrl(phoneNumberId: string, url: string): void {
    this.ctx.numbers.require(phoneNumberId).config.webhookUrl = url;
  }

  async accountEvent<F extends AccountEventField>(
    field: F,
    params: AccountEventParams<F>,
  ): Promise<AccountEventResult> {
    return this.emit(buildAccountEvent(this.ctx, field, params));
  }

  async rawAccountEvent(params: {
    field: string;
    value: Record<string, unknown>;
    wabaId?: string;
    phoneNumberId?: string;
  }): Promise<AccountEventResult> {
    return this.emit(buildRawEvent(this.ctx, rawEventSchema.parse(params)));
  }

  setNumberProfile(phoneNumberId: string, patch: Partial<PhoneNumberProfile>): void {
    const state = this.ctx.numbers.require(phoneNumberId);
    Object.assign(state.profile, profilePatchSchema.parse(patch));
  }

  setAppSubscribed(wabaId: string, subscribed: boolean): void {
    if (!this.ctx.numbers.isWaba(wabaId))
      throw new UnknownReferenceError(`wabaId ${wabaId} is not a sandbox WABA`);
    this.ctx.subscriptions.set(wabaId, subscribed);
  }

  /** Number-scoped events go to that number's webhook; WABA-scoped ones to every distinct target of the WABA. */
  private async emit(event: BuiltAccountEvent): Promise<AccountEventResult> {
    const payload = accountEventEnvelope(event, this.ctx.now());
    const numbers = event.number ? [event.number] : this.ctx.numbers.ofWaba(event.wabaId);
    const targets = new Map<string, { url: string; appSecret: string }>();
    for (const n of numbers) {
      const { webhookUrl: url, appSecret } = n.config;
      targets.set(`${url}\n${appSecret}`, { url, appSecret });
    }
    const deliveries = await Promise.all(
      [...targets.values()].map((target) => this.deliverer.deliver(target, payload)),
    );
    return { field: event.field, value: event.value, deliveries };
  }

  pendingDeliveries(): number {
    return this.deliverer.pending();
  }

  async close(): Promise<void> {
    this.ctx.statuses.close();
    await this.deliverer.close();
    await this.controls.closeServer();
  }
}

async function mapWithConcurrency<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
