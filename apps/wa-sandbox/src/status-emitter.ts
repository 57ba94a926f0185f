import { contactBlock, type CustomerProfile } from './customer-directory';
import type { WebhookError } from './graph-errors';
import type { OutboundStatus, SentRecord } from './sent-log';
import type { SandboxNumber, StatusDelays } from './types';
import type { WebhookFaults } from './webhook-delivery.types';
import { messagesEnvelope, unixSeconds } from './webhook-envelope';

/** PMP pricing object carried by `sent` and by one of `delivered`/`read`. */
export interface Pricing {
  billable: boolean;
  pricing_model: 'PMP';
  type: 'regular' | 'free_customer_service';
  category: string;
}

/** An accepted send whose status webhooks are still to come. */
export interface AcceptedSend {
  number: SandboxNumber;
  record: SentRecord;
  wamid: string;
  recipientWaId: string;
  /** Known customers get `contacts[]` and `recipient_user_id` on their statuses. */
  recipient?: CustomerProfile;
  pricing: Pricing;
  bizOpaqueCallbackData?: string;
  /** Voice notes get `played` after `read`. */
  voice: boolean;
  /** Set for sends that are accepted but then fail asynchronously (e.g. 131047). */
  failure?: WebhookError;
}

type Deliver = (number: SandboxNumber, payload: unknown) => Promise<unknown>;

/**
 * Emits sent → delivered → read (→ played) status webhooks after the configured delays, or a single
 * `failed`. Statuses of one message are delivered one after the other (each waits for the previous
 * first attempt) unless the reorder fault asks for the reverse order.
 */
export class StatusEmitter {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly deps: {
      delays: StatusDelays;
      now: () => number;
      faults: () => WebhookFaults;
      deliver: Deliver;
    },
  ) {}

  schedule(send: AcceptedSend): void {
    const { delays } = this.deps;
    if (send.failure) {
      this.at(delays.sent, () => void this.emit(send, 'failed', false));
      return;
    }
    const faults = this.deps.faults();
    const steps: Array<{ status: OutboundStatus; delay: number }> = [{ status: 'sent', delay: delays.sent }];
    if (!faults.skipDelivered) steps.push({ status: 'delivered', delay: delays.delivered });
    if (delays.read >= 0) {
      steps.push({ status: 'read', delay: delays.read });
      if (send.voice)
        steps.push({ status: 'played', delay: delays.read + Math.max(1, delays.read - delays.delivered) });
    }
    // Pricing rides on `sent` and on the first later status (delivered, or read when delivered is skipped).
    const pricedSecond = steps[1]?.status;
    const priced = (status: OutboundStatus) => status === 'sent' || status === pricedSecond;

    if (faults.reorderStatuses) {
      const last = Math.max(...steps.map((s) => s.delay));
      this.at(last, async () => {
        for (const step of [...steps].reverse()) await this.emit(send, step.status, priced(step.status));
      });
      return;
    }
    let chain: Promise<unknown> = Promise.resolve();
    for (const step of steps) {
      this.at(step.delay, () => {
        chain = chain.then(() => this.emit(send, step.status, priced(step.status)));
      });
    }
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private at(delayMs: number, fn: () => unknown): void {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        fn();
      },
      Math.max(0, delayMs),
    );
    this.timers.add(timer);
  }

  private emit(send: AcceptedSend, status: OutboundStatus, withPricing: boolean): Promise<unknown> {
    const timestamp = unixSeconds(this.deps.now());
    const item: Record<string, unknown> = {
      id: send.wamid,
      status,
      timestamp,
      recipient_id: send.recipientWaId,
    };
    if (send.recipient?.bsuid) item.recipient_user_id = send.recipient.bsuid;
    if (send.bizOpaqueCallbackData !== undefined) item.biz_opaque_callback_data = send.bizOpaqueCallbackData;
    if (status === 'failed' && send.failure) item.errors = [send.failure];
    else if (withPricing) item.pricing = { ...send.pricing };

    const content: Record<string, unknown> = {};
    // Status webhooks carry contacts[] since 2026, except `failed`.
    if (send.recipient && status !== 'failed') content.contacts = [contactBlock(send.recipient)];
    content.statuses = [item];
    send.record.statuses.push({ status, timestamp });
    return this.deps.deliver(send.number, messagesEnvelope(send.number, content));
  }
}
