/** What a webhook delivery is asked to do and what it answers: shared by the deliverer, customers and the handle. */

export interface WebhookRetryPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
  maxAgeMs: number;
}

export interface WebhookFaults {
  /** Treat the first 200 of each delivery as lost, so Meta redelivers the same body once more. */
  dropResponses?: boolean;
  /** Every n-th body is POSTed twice, concurrently (Meta documents duplicate deliveries). */
  duplicateEvery?: number;
  /** Status webhooks of a message arrive in reverse order (read, delivered, sent). */
  reorderStatuses?: boolean;
  /** `delivered` is never sent (Meta skips it when delivery and read coincide). */
  skipDelivered?: boolean;
}

export interface DeliverOptions {
  /** Default true: retry with backoff in the background until 200 or maxAgeMs. */
  retry?: boolean;
  signature?: 'valid' | 'bad' | 'missing';
  /** Pretty-print (still Meta-escaped) to check the receiver hashes the raw bytes. */
  prettyPrint?: boolean;
}

/** The first attempt's answer (status 0 = network error or timeout). */
export interface DeliveryResult {
  status: number;
  attempts: number;
  body: string;
}

export interface InboundResult {
  wamid: string;
  result: DeliveryResult;
}
