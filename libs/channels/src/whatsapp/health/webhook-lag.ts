import { NumberHealthView } from '@switchboard/contracts';

/** Nearest-rank percentile of ascending values. */
const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];

/**
 * Webhook lag per message: Meta's timestamp (whole seconds) to our receipt of the delivery, in seconds (ms
 * precision); never negative, since Meta's clock and ours may disagree by a little.
 */
export function webhookLag(
  samples: { metaAt: Date; receivedAt: Date }[],
  window: string,
): NumberHealthView['webhookLag'] {
  const lags = samples
    .map((s) => Math.max(0, (s.receivedAt.getTime() - s.metaAt.getTime()) / 1000))
    .sort((a, b) => a - b);
  if (!lags.length) return { sample: 0, window, p50Seconds: null, p95Seconds: null, maxSeconds: null };
  return {
    sample: lags.length,
    window,
    p50Seconds: percentile(lags, 0.5),
    p95Seconds: percentile(lags, 0.95),
    maxSeconds: lags[lags.length - 1],
  };
}
