import type { CustomerDirectory } from './customer-directory';
import type { CustomerWindow } from './customer-window';
import type { GraphFaults } from './graph-faults';
import type { MarketingPreferences } from './marketing-preferences';
import type { MediaStore } from './media-store';
import type { NumberRegistry } from './number-registry';
import type { PairRateLimiter, ThroughputLimiter } from './rate-limiter';
import type { SentLog } from './sent-log';
import type { StatusEmitter } from './status-emitter';
import type { AppSubscriptions } from './subscribed-apps';
import type { TemplateCatalog } from './templates';
import type { StatusDelays, WebhookRetryPolicy } from './types';

/** Everything the Graph handlers share. */
export interface SandboxContext {
  now: () => number;
  /** Known once the server listens. */
  baseUrl: () => string;
  numbers: NumberRegistry;
  media: MediaStore;
  templates: TemplateCatalog;
  subscriptions: AppSubscriptions;
  /** Injected Graph failures (`POST /_sim/faults`). */
  graphFaults: GraphFaults;
  marketing: MarketingPreferences;
  window: CustomerWindow;
  customers: CustomerDirectory;
  sentLog: SentLog;
  statuses: StatusEmitter;
  throughput: ThroughputLimiter;
  pairRate?: PairRateLimiter;
}

export const DEFAULT_STATUS_DELAYS: StatusDelays = { sent: 50, delivered: 150, read: 400 };
export const DEFAULT_RETRY: WebhookRetryPolicy = {
  initialDelayMs: 200,
  maxDelayMs: 5000,
  maxAgeMs: 7 * 24 * 60 * 60 * 1000,
};
export const DEFAULT_THROUGHPUT = 80;
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;
/** Meta's documented pair-rate behaviour, used when pairRate is enabled without numbers. */
export const FAITHFUL_PAIR_RATE = { burst: 45, windowMs: 6000 };
