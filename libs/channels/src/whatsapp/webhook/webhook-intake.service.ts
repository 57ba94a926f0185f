import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig, QUEUES, uuidv7 } from '@switchboard/engine';
import { Queue } from 'bullmq';
import { isUtf8 } from 'node:buffer';
import { InboundEventWriter } from './inbound-event-writer';
import { NumberRegistry } from '../numbers/number-registry.service';
import { matchSignature } from './verify-signature';

export type IntakeOutcome =
  | { kind: 'stored'; eventId: string }
  | { kind: 'bad_signature'; reason: string }
  | { kind: 'bad_body'; reason: string };

/**
 * The acknowledgement path: verify the signature on the raw bytes, commit the raw event, and only then
 * let the controller answer 200. Processing is queued after the ack; the relay covers a failed enqueue.
 */
@Injectable()
export class WebhookIntakeService implements OnModuleDestroy {
  private readonly logger = new Logger(WebhookIntakeService.name);
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly writer: InboundEventWriter,
    private readonly numbers: NumberRegistry,
    @InjectQueue(QUEUES.inboundEvents) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async accept(rawBody: Buffer, signatureHeader: string | undefined): Promise<IntakeOutcome> {
    if (!signatureHeader) return { kind: 'bad_signature', reason: 'X-Hub-Signature-256 header is missing' };
    // A rotated-out secret counts only until its overlap ends (checked now: the registry is cached briefly).
    const now = new Date();
    const secrets = (await this.numbers.appSecrets()).filter(
      (s) => !s.previousUntil || s.previousUntil > now,
    );
    const match = matchSignature(
      rawBody,
      signatureHeader,
      secrets.map((s) => s.secret),
    );
    if (match < 0) {
      return {
        kind: 'bad_signature',
        reason: 'X-Hub-Signature-256 does not match the body for any configured app secret',
      };
    }
    if (!isUtf8(rawBody)) return { kind: 'bad_body', reason: 'body is not valid UTF-8' };
    // PostgreSQL text cannot hold NUL; Meta escapes it (\u0000), so a raw NUL byte means the body is not Meta's.
    if (rawBody.includes(0)) return { kind: 'bad_body', reason: 'body contains NUL bytes' };
    const id = uuidv7();
    // A failure here propagates as 5xx, so Meta retries: nothing is acknowledged before it is durable.
    await this.writer.write({
      id,
      rawBody: rawBody.toString('utf8'),
      secretFingerprint: secrets[match].fingerprint,
      signedWithPreviousSecret: Boolean(secrets[match].previousUntil),
    });
    return { kind: 'stored', eventId: id };
  }

  /**
   * Fire-and-forget after the ack. Enqueues are coalesced: at most one job per intake.enqueueCoalesceMs, because the job's
   * processing drains every pending event, not only the one it names. Jobs stay coarse under load (one per
   * flush, not one per webhook) and every stored event still has a job queued after its commit. An event whose
   * enqueue fails is re-queued by the relay.
   */
  enqueue(eventId: string): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      this.queue.add('event', { eventId }, { jobId: eventId }).catch((e: Error) => {
        this.logger.warn(`event ${eventId} stored but not queued (${e.message}); the relay will queue it`);
      });
    }, this.config.intake.enqueueCoalesceMs);
  }

  onModuleDestroy(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
  }
}
