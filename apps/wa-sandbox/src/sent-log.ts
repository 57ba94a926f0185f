import type { WebhookError } from './graph-errors';

export type OutboundStatus = 'sent' | 'delivered' | 'read' | 'played' | 'failed';

/** One call Switchboard made to POST /{phone_number_id}/messages. */
export interface SentRecord {
  /** 'mark_read' = `status: "read"` calls (with or without typing indicator). */
  kind: 'message' | 'mark_read';
  phoneNumberId: string;
  /** Parsed request body exactly as received (undefined if it was not JSON). */
  request: unknown;
  /** Sandbox clock (ms) when the request arrived. */
  receivedAt: number;
  httpStatus: number;
  /** Present when the send was accepted. */
  wamid?: string;
  /** `to` as given, and the wa_id it resolved to. */
  to?: string;
  waId?: string;
  type?: string;
  templateName?: string;
  /** Status webhooks emitted so far, in emission order (timestamp = unix seconds string). */
  statuses: Array<{ status: OutboundStatus; timestamp: string }>;
  /** Synchronous rejection or the asynchronous `failed` error. */
  error?: { code: number; title: string; details: string; async: boolean };
}

export class SentLog {
  private readonly records: SentRecord[] = [];

  add(record: SentRecord): SentRecord {
    this.records.push(record);
    return record;
  }

  asyncFailure(record: SentRecord, error: WebhookError): void {
    record.error = { code: error.code, title: error.title, details: error.error_data.details, async: true };
  }

  /** Snapshots, so callers polling for progress never see a record change under them. */
  list(phoneNumberId?: string): SentRecord[] {
    return this.records
      .filter((r) => phoneNumberId === undefined || r.phoneNumberId === phoneNumberId)
      .map((r) => ({ ...r, statuses: r.statuses.map((s) => ({ ...s })), error: r.error && { ...r.error } }));
  }
}
