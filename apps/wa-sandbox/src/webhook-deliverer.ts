import { Agent, request } from 'undici';
import { metaJsonStringify, metaJsonStringifyPretty } from './meta-json';
import { signBody } from './sign-body';
import type {
  DeliverOptions,
  DeliveryResult,
  WebhookFaults,
  WebhookRetryPolicy,
} from './webhook-delivery.types';

export interface WebhookTarget {
  url: string;
  appSecret: string;
}

interface DeliveryJob {
  target: WebhookTarget;
  body: string;
  headers: Record<string, string>;
  attempts: number;
  startedAt: number;
  timer?: NodeJS.Timeout;
  inFlight?: AbortController;
}

/**
 * POSTs webhooks like Meta: Meta-escaped compact JSON, signed over the exact bytes, success only on
 * HTTP 200 (201/204 are retried, as the docs say "other than 200"), exponential backoff until maxAgeMs.
 */
export class WebhookDeliverer {
  private readonly agent = new Agent({ keepAliveTimeout: 2_000, connections: 256 });
  private readonly jobs = new Set<DeliveryJob>();
  private bodiesSent = 0;
  private closed = false;

  constructor(
    private readonly config: {
      retry: WebhookRetryPolicy;
      timeoutMs: number;
      faults: () => WebhookFaults;
    },
  ) {}

  /** Resolves after the first attempt; with retry on, keeps retrying in the background. */
  async deliver(target: WebhookTarget, payload: unknown, opts: DeliverOptions = {}): Promise<DeliveryResult> {
    const body = opts.prettyPrint ? metaJsonStringifyPretty(payload) : metaJsonStringify(payload);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'facebookexternalua',
    };
    const signature = opts.signature ?? 'valid';
    if (signature === 'valid') headers['x-hub-signature-256'] = signBody(body, target.appSecret);
    if (signature === 'bad')
      headers['x-hub-signature-256'] = signBody(body, `${target.appSecret}-not-the-secret`);

    const retry = opts.retry !== false;
    const faults = this.config.faults();
    this.bodiesSent += 1;
    if (faults.duplicateEvery && faults.duplicateEvery > 0 && this.bodiesSent % faults.duplicateEvery === 0) {
      void this.start(target, body, headers, retry, faults.dropResponses === true);
    }
    return this.start(target, body, headers, retry, faults.dropResponses === true);
  }

  /** Deliveries not yet acknowledged with 200: in flight or waiting for a retry. */
  pending(): number {
    return this.jobs.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.jobs) {
      clearTimeout(job.timer);
      job.inFlight?.abort();
    }
    this.jobs.clear();
    await this.agent.destroy();
  }

  private async start(
    target: WebhookTarget,
    body: string,
    headers: Record<string, string>,
    retry: boolean,
    dropFirstAck: boolean,
  ): Promise<DeliveryResult> {
    if (this.closed) return { status: 0, attempts: 0, body: 'sandbox closed' };
    const job: DeliveryJob = { target, body, headers, attempts: 0, startedAt: Date.now() };
    this.jobs.add(job);
    const first = await this.attempt(job);
    const acknowledged = first.status === 200 && !(dropFirstAck && retry);
    if (acknowledged || !retry || this.closed) this.jobs.delete(job);
    else this.scheduleRetry(job);
    return first;
  }

  private scheduleRetry(job: DeliveryJob): void {
    const { initialDelayMs, maxDelayMs, maxAgeMs } = this.config.retry;
    const delay = Math.min(initialDelayMs * 2 ** (job.attempts - 1), maxDelayMs);
    // Meta drops unacknowledged webhooks after the retry horizon (7 days).
    if (Date.now() + delay - job.startedAt > maxAgeMs) {
      this.jobs.delete(job);
      return;
    }
    job.timer = setTimeout(() => {
      void this.attempt(job).then((result) => {
        if (result.status === 200 || this.closed) this.jobs.delete(job);
        else this.scheduleRetry(job);
      });
    }, delay);
  }

  private async attempt(job: DeliveryJob): Promise<DeliveryResult> {
    job.attempts += 1;
    const controller = new AbortController();
    job.inFlight = controller;
    const timeout = setTimeout(() => controller.abort(new Error('webhook timeout')), this.config.timeoutMs);
    try {
      const res = await request(job.target.url, {
        method: 'POST',
        headers: job.headers,
        body: job.body,
        dispatcher: this.agent,
        signal: controller.signal,
      });
      const text = await res.body.text();
      return { status: res.statusCode, attempts: job.attempts, body: text };
    } catch (err) {
      return { status: 0, attempts: job.attempts, body: err instanceof Error ? err.message : String(err) };
    } finally {
      clearTimeout(timeout);
      job.inFlight = undefined;
    }
  }
}
