import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { ConversationIntakeService, MessageStatusService } from '@switchboard/conversations';
import { OutboxService, QUEUES, StagedJob } from '@switchboard/engine';
import { InboundEventStatus, InboundItemFailure } from '../entities/inbound-event.entity';
import { NumberCredentials, NumberRegistry } from '../numbers/number-registry.service';
import { normalizeInboundMessage, toMessageError, UnusableItemError } from './normalize-inbound-message';
import { normalizeStatus } from './normalize-status';
import { envelopeSchema, messagesValueSchema } from './webhook-payload.schema';

interface ClaimedEvent {
  raw_body: string;
  secret_fingerprint: string;
  attempts: number;
}

/** After this many failed whole-event attempts the event is parked as failed (still visible, replayable). */
const MAX_ATTEMPTS = 20;

export interface ProcessOutcome {
  status: InboundEventStatus | 'skipped';
  stored: number;
  duplicates: number;
  statuses: number;
  failures: InboundItemFailure[];
}

/**
 * Splits a stored webhook into its messages and statuses and records each one. Runs in one transaction
 * with a savepoint per item: a bad item is recorded as a failure and the rest of the batch still lands.
 * Re-running an event is safe (wamid and (wamid, status) are unique).
 */
@Injectable()
export class InboundEventService {
  private readonly logger = new Logger(InboundEventService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly numbers: NumberRegistry,
    private readonly intake: ConversationIntakeService,
    private readonly statuses: MessageStatusService,
    private readonly outbox: OutboxService,
  ) {}

  async process(eventId: string): Promise<ProcessOutcome> {
    const claimed = await this.em.execute<ClaimedEvent[]>(
      `update inbound_events set claimed_at = now(), attempts = attempts + 1
        where id = ? and status = 'pending' returning raw_body, secret_fingerprint, attempts`,
      [eventId],
    );
    const event = claimed[0];
    if (!event) return { status: 'skipped', stored: 0, duplicates: 0, statuses: 0, failures: [] };
    try {
      return await this.processClaimed(eventId, event);
    } catch (e) {
      const message = (e as Error).message;
      const parked = event.attempts >= MAX_ATTEMPTS;
      await this.em.execute(
        `update inbound_events set last_error = ?, status = case when ? then 'failed' else status end where id = ?`,
        [message, parked, eventId],
        'run',
      );
      throw e;
    }
  }

  private async processClaimed(eventId: string, event: ClaimedEvent): Promise<ProcessOutcome> {
    const failures: InboundItemFailure[] = [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(event.raw_body);
    } catch (e) {
      failures.push({ path: '(body)', reason: `malformed JSON: ${(e as Error).message}` });
      await this.finish(this.em, eventId, 'failed', 0, failures);
      return { status: 'failed', stored: 0, duplicates: 0, statuses: 0, failures };
    }
    const envelope = envelopeSchema.safeParse(parsed);
    if (!envelope.success || envelope.data.object !== 'whatsapp_business_account') {
      failures.push({
        path: '(body)',
        reason: envelope.success
          ? `unexpected object "${envelope.data.object}" (expected whatsapp_business_account)`
          : `not a WhatsApp webhook envelope: ${envelope.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
      });
      await this.finish(this.em, eventId, 'failed', 0, failures);
      return { status: 'failed', stored: 0, duplicates: 0, statuses: 0, failures };
    }

    const jobs: StagedJob[] = [];
    let stored = 0;
    let duplicates = 0;
    let statusCount = 0;
    let items = 0;
    const result = await this.em.fork().transactional(async (em) => {
      const item = async (path: string, raw: unknown, work: () => Promise<void>) => {
        items++;
        try {
          await em.transactional(work);
        } catch (e) {
          const reason =
            e instanceof UnusableItemError ? e.message : `could not be stored: ${(e as Error).message}`;
          failures.push({ path, reason, item: raw });
        }
      };
      for (const [ei, entry] of envelope.data.entry.entries()) {
        for (const [ci, change] of entry.changes.entries()) {
          const at = `entry[${ei}].changes[${ci}]`;
          if (change.field !== 'messages') continue; // other fields (templates, account) are handled by later modules
          const value = messagesValueSchema.safeParse(change.value);
          if (!value.success) {
            failures.push({
              path: `${at}.value`,
              reason: `invalid messages value: ${value.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
              item: change.value,
            });
            continue;
          }
          const number = await this.numbers.byPhoneNumberId(value.data.metadata.phone_number_id);
          const refusal = this.refuse(number, value.data.metadata.phone_number_id, event.secret_fingerprint);
          if (refusal || !number) {
            failures.push({ path: at, reason: refusal ?? 'unknown number', item: change.value });
            continue;
          }
          for (const err of value.data.errors ?? []) {
            const e = toMessageError(err);
            failures.push({
              path: `${at}.value.errors`,
              reason: `Meta reported error ${e.code ?? '?'}: ${e.title}${e.details ? ` (${e.details})` : ''}`,
              item: err,
            });
          }
          const contacts = value.data.contacts ?? [];
          for (const [mi, rawMessage] of (value.data.messages ?? []).entries()) {
            await item(`${at}.value.messages[${mi}]`, rawMessage, async () => {
              const normalized = normalizeInboundMessage(rawMessage, contacts);
              const r = await this.intake.record(em, {
                ...normalized,
                numberId: number.id,
                departmentId: number.departmentId,
                inboundEventId: eventId,
              });
              if (!r.created) {
                duplicates++;
                return;
              }
              stored++;
              if (normalized.media && r.messageId) {
                jobs.push(
                  await this.outbox.stage(em, QUEUES.mediaDownloads, {
                    messageId: r.messageId,
                    numberId: number.id,
                  }),
                );
              }
            });
          }
          for (const [si, rawStatus] of (value.data.statuses ?? []).entries()) {
            await item(`${at}.value.statuses[${si}]`, rawStatus, async () => {
              await this.statuses.record(em, normalizeStatus(rawStatus));
              statusCount++;
            });
          }
        }
      }
      const status: InboundEventStatus =
        failures.length === 0 ? 'processed' : stored + statusCount + duplicates > 0 ? 'partial' : 'failed';
      await this.finish(em, eventId, status, items, failures);
      return status;
    });
    for (const job of jobs) await this.outbox.publish(job);
    if (failures.length)
      this.logger.warn(
        `event ${eventId}: ${failures.length} item(s) failed: ${failures.map((f) => `${f.path}: ${f.reason}`).join(' | ')}`,
      );
    return { status: result, stored, duplicates, statuses: statusCount, failures };
  }

  /** Changes for a number we do not know, or signed with another app's secret, are refused. */
  private refuse(
    number: NumberCredentials | undefined,
    phoneNumberId: string,
    fingerprint: string,
  ): string | null {
    if (!number) return `phone_number_id ${phoneNumberId} is not a registered WhatsApp number`;
    if (number.appSecretFingerprint !== fingerprint) {
      return `phone_number_id ${phoneNumberId} belongs to another app: the payload was signed with a different app secret`;
    }
    return null;
  }

  private async finish(
    em: EntityManager,
    id: string,
    status: InboundEventStatus,
    items: number,
    failures: InboundItemFailure[],
  ) {
    await em.execute(
      // clock_timestamp(), not now(): the end of processing, not the start of the transaction.
      `update inbound_events set status = ?, processed_at = clock_timestamp(), item_count = ?, failures = ?, last_error = null where id = ?`,
      [status, items, failures.length ? JSON.stringify(failures) : null, id],
      'run',
    );
  }
}
