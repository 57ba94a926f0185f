import { performance } from 'node:perf_hooks';

/**
 * Limits run on a monotonic clock, not the injectable sandbox clock: a frozen test clock must not
 * freeze rate windows.
 */
export type MonotonicClock = () => number;
const monotonic: MonotonicClock = () => performance.now();

/** Messages per rolling second per number (Meta default 80 mps) → 130429. */
export class ThroughputLimiter {
  private readonly sends = new Map<string, number[]>();

  constructor(
    private readonly perSecond: number,
    private readonly clock: MonotonicClock = monotonic,
  ) {}

  /** Counts the send and returns true if it fits in the current rolling second. */
  tryTake(key: string): boolean {
    const now = this.clock();
    const times = this.sends.get(key) ?? [];
    let firstInWindow = 0;
    while (firstInWindow < times.length && times[firstInWindow] <= now - 1000) firstInWindow += 1;
    const live = firstInWindow > 0 ? times.slice(firstInWindow) : times;
    this.sends.set(key, live);
    if (live.length >= this.perSecond) return false;
    live.push(now);
    return true;
  }
}

/**
 * Pair rate (131056): one message per `windowMs` to the same customer, with bursts of up to `burst`
 * borrowing future quota — a token bucket of size `burst` refilled by one token every `windowMs`.
 */
export class PairRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly burst: number,
    private readonly windowMs: number,
    private readonly clock: MonotonicClock = monotonic,
  ) {}

  tryTake(key: string): boolean {
    const now = this.clock();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    const tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) / this.windowMs);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return false;
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    return true;
  }
}
