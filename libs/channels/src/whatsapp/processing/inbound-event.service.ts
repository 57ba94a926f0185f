import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { ConversationIntakeService, MessageStatusService } from '@switchboard/conversations';
import { InjectQueue } from '@nestjs/bullmq';
import { OutboxService, QUEUES, StagedJob, uuidv7, sql } from '@switchboard/engine';
import { Queue } from 'bullmq';
import { AccountEventsService } from '../account-events/account-events.service';
import { WabaNumber, WabaNumbersLookup } from '../account-events/resolve-account-change';
import { InboundEventStatus, InboundItemFailure } from '../entities/inbound-event.entity';
import { NumberRegistry } from '../numbers/number-registry.service';
import { dbErrorReason } from './db-error-reason';
import { parseEvent, ParsedEvent, ParsedItem } from './parse-event';
import { withSavepoint } from './savepoint';
import { isTransientDbError } from './transient-db-error';

interface ClaimedEvent {
  id: string;
  raw_body: string;
  secret_fingerprint: string;
  received_at: Date;
}

/** After this many failed whole-event attempts the event is parked as failed (still visible, replayable). */
const MAX_ATTEMPTS = 20;
/** Events claimed per transaction: many single-message webhooks share one commit. */
const EVENTS_PER_BATCH = 50;
/** How long one job keeps draining before it hands over to a continuation job. */
const DRAIN_BUDGET_MS = 5_000;

export interface ProcessOutcome {
  events: number;
  stored: number;
  duplicates: number;
  statuses: number;
  failures: number;
}

const emptyOutcome = (): ProcessOutcome => ({
  events: 0,
  stored: 0,
  duplicates: 0,
  statuses: 0,
  failures: 0,
});

function addOutcome(total: ProcessOutcome, more: ProcessOutcome): void {
  total.events += more.events;
  total.stored += more.stored;
  total.duplicates += more.duplicates;
  total.statuses += more.statuses;
  total.failures += more.failures;
}

interface EventTally {
  stored: number;
  /** Account and template changes applied (or found already applied by an earlier run of this delivery). */
  applied: number;
  duplicates: number;
  statuses: number;
  failures: InboundItemFailure[];
}

/** An item whose effect would reach another number's data: kept visibly on its event, never applied elsewhere. */
const refusal = (item: ParsedItem<unknown>, reason: string): InboundItemFailure => ({
  path: item.path,
  reason: `${reason} (phone_number_id ${item.phoneNumberId})`,
  item: item.raw,
});

/**
 * Turns stored webhooks into records. A job names one event; processing locks that event plus other pending
 * ones (FOR UPDATE SKIP LOCKED) and records them in one transaction with set-based SQL. Unusable items are found
 * before any write and kept as failures; if the database still rejects something, the batch is rolled back and
 * redone event by event with a savepoint per item, so one bad item never costs the rest. Re-running is safe:
 * (wamid, number) and (number, wamid, status) are unique.
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
    @InjectQueue(QUEUES.inboundEvents) private readonly queue: Queue,
    private readonly accountEvents: AccountEventsService,
  ) {}

  /**
   * Processes the named event and then keeps draining pending events (batch by batch, SKIP LOCKED, so several
   * workers drain together) until none is left or the time budget is spent; then it queues a continuation.
   * Events that already failed (last_error set) are left to their own retries.
   */
  async process(eventId: string | null): Promise<ProcessOutcome> {
    const started = Date.now();
    const total = emptyOutcome();
    let primary = eventId;
    for (;;) {
      const { outcome, claimed } = await this.processOnce(primary);
      addOutcome(total, outcome);
      primary = null;
      if (claimed < EVENTS_PER_BATCH) return total;
      if (Date.now() - started > DRAIN_BUDGET_MS) {
        await this.queue.add('event', { eventId: null }, { jobId: `drain-${uuidv7()}` });
        return total;
      }
    }
  }

  private async processOnce(eventId: string | null): Promise<{ outcome: ProcessOutcome; claimed: number }> {
    let claimedIds: string[] = [];
    try {
      const outcome = await this.processBatch(eventId, EVENTS_PER_BATCH, false, (ids) => (claimedIds = ids));
      return { outcome, claimed: claimedIds.length };
    } catch (fastPathError) {
      // Deadlock, timeout, lost connection: nothing is wrong with the data; the job is retried with backoff.
      if (isTransientDbError(fastPathError)) throw fastPathError;
      this.logger.warn(
        `batch of ${claimedIds.length} event(s) rolled back (${dbErrorReason(fastPathError)}); redoing item by item`,
      );
    }
    const total = emptyOutcome();
    for (const id of claimedIds) {
      try {
        const r = await this.processBatch(id, 1, true, () => undefined, true);
        addOutcome(total, r);
      } catch (e) {
        if (isTransientDbError(e)) throw e;
        await sql(
          this.em,
          `update inbound_events set attempts = attempts + 1, last_error = ?,
                  status = case when attempts + 1 >= ? then 'failed' else status end where id = ?`,
          [dbErrorReason(e), MAX_ATTEMPTS, id],
        );
        if (id === eventId) throw e;
      }
    }
    return { outcome: total, claimed: claimedIds.length };
  }

  private async processBatch(
    eventId: string | null,
    maxEvents: number,
    safe: boolean,
    onClaim: (ids: string[]) => void,
    onlyThis = false,
  ): Promise<ProcessOutcome> {
    const jobs: StagedJob[] = [];
    const outcome = emptyOutcome();
    await this.em.fork().transactional(async (em) => {
      // Everything written here is derived from the raw event, which was committed synchronously before the
      // webhook was acknowledged. If PostgreSQL crashes before this commit reaches disk, the event is simply still
      // pending and is processed again (idempotently), so this commit need not wait for the WAL flush.
      await sql(em, 'set local synchronous_commit = off');
      // The named event by its key, then the oldest other pending ones in the order of the partial pending index:
      // the scan stops after the rows it takes, however long the backlog (one sort over every pending row did not).
      // Without bitmap scans for this one statement: the partial index looks tiny to the planner, whose bitmap scan
      // then reads every entry (also those of processed events not yet vacuumed) and sorts them, claim after claim.
      await sql(em, 'set local enable_bitmapscan = off');
      const claimed = await sql<ClaimedEvent>(
        em,
        `with named as (
           select id, raw_body, secret_fingerprint, received_at from inbound_events
            where id = ?::uuid and status = 'pending' for update skip locked),
         others as (
           select id, raw_body, secret_fingerprint, received_at from inbound_events
            where ?::boolean and status = 'pending' and last_error is null and id is distinct from ?::uuid
            order by received_at limit ? for update skip locked)
         select * from (select *, 0 as rank from named union all select *, 1 from others) c
          order by rank, received_at limit ?`,
        // Others fill the batch beside the named event, so no row is locked that the batch then leaves out.
        [eventId, !onlyThis, eventId, eventId ? maxEvents - 1 : maxEvents, maxEvents],
      );
      await sql(em, 'set local enable_bitmapscan to default');
      onClaim(claimed.map((c) => c.id));
      const all: ParsedEvent[] = [];
      const wabaNumbers = this.wabaNumbers(em);
      for (const e of claimed)
        all.push(
          await parseEvent(e.id, e.raw_body, e.secret_fingerprint, (p) => this.numbers.byPhoneNumberId(p), {
            receivedAt: new Date(e.received_at),
            wabaNumbers,
          }),
        );
      const receivedAt = new Map(claimed.map((c) => [c.id, new Date(c.received_at)]));
      await this.hold(
        em,
        all.filter((p) => p.namesDisabledNumber),
      );
      const parsed = all.filter((p) => !p.namesDisabledNumber);
      await this.lockNumbers(em, parsed);
      const tallies = new Map<string, EventTally>(
        parsed.map((p) => [
          p.eventId,
          { stored: 0, applied: 0, duplicates: 0, statuses: 0, failures: [...p.failures] },
        ]),
      );

      if (safe) await this.recordSafely(em, parsed, tallies, jobs);
      else await this.recordFast(em, parsed, tallies, jobs);
      await this.applyAccountChanges(em, parsed, tallies, jobs, receivedAt, safe);

      const finished: unknown[] = [];
      for (const p of parsed) {
        const t = tallies.get(p.eventId)!;
        const status: InboundEventStatus =
          t.failures.length === 0
            ? 'processed'
            : t.stored + t.statuses + t.duplicates + t.applied > 0
              ? 'partial'
              : 'failed';
        finished.push(
          p.eventId,
          status,
          p.items,
          t.failures.length ? JSON.stringify(t.failures) : null,
          p.numberIds,
          p.namesUnownedNumber,
          p.unhandled.length ? JSON.stringify(p.unhandled) : null,
        );
        outcome.events++;
        outcome.stored += t.stored;
        outcome.duplicates += t.duplicates;
        outcome.statuses += t.statuses;
        outcome.failures += t.failures.length;
        if (t.failures.length)
          this.logger.warn(
            `event ${p.eventId}: ${t.failures.length} item(s) kept as failed: ${t.failures.map((f) => `${f.path}: ${f.reason}`).join(' | ')}`,
          );
      }
      if (parsed.length) {
        await sql(
          em,
          // clock_timestamp(), not now(): the end of processing, not the start of the transaction. The numbers the
          // delivery names are kept here, so listing deliveries by department never has to parse raw bodies.
          `update inbound_events e set status = v.status, processed_at = clock_timestamp(),
                  claimed_at = coalesce(e.claimed_at, clock_timestamp()), attempts = e.attempts + 1,
                  item_count = v.items, failures = v.failures, last_error = null,
                  number_ids = v.number_ids, names_unowned_number = v.names_unowned_number, unhandled = v.unhandled
             from (values ${parsed.map(() => '(?::uuid, ?::text, ?::int, ?::jsonb, ?::uuid[], ?::boolean, ?::jsonb)').join(', ')})
                  as v(id, status, items, failures, number_ids, names_unowned_number, unhandled)
            where e.id = v.id`,
          finished,
        );
      }
    });
    for (const job of jobs) await this.outbox.publish(job);
    return outcome;
  }

  /**
   * Deliveries naming a disabled (or archived) number stay as they came (acknowledged, stored), marked held with the numbers they
   * name; enabling the number puts them back to pending. Nothing of them is recorded meanwhile.
   */
  private async hold(em: EntityManager, held: ParsedEvent[]): Promise<void> {
    if (!held.length) return;
    await sql(
      em,
      `update inbound_events e set status = 'held', claimed_at = coalesce(e.claimed_at, clock_timestamp()),
              last_error = null, number_ids = v.number_ids, names_unowned_number = v.names_unowned_number
         from (values ${held.map(() => '(?::uuid, ?::uuid[], ?::boolean)').join(', ')})
              as v(id, number_ids, names_unowned_number)
        where e.id = v.id
          -- Enabled meanwhile (another process's registry lags briefly): left pending, the relay picks it up.
          and exists (select 1 from whatsapp_numbers n where n.id = any(v.number_ids)
                        and (n.disabled_at is not null or n.archived_at is not null))`,
      held.flatMap((p) => [p.eventId, p.numberIds, p.namesUnownedNumber]),
    );
  }

  /**
   * Locks the rows of the numbers the batch records for (`for key share`, one query per batch) until it commits, so
   * a number cannot be deleted between this check and its conversations being written; deleting takes the row
   * `for update` before counting conversations. A number already gone (the registry's cache lags a few seconds)
   * is unregistered: its items become failures, visible and replayable, instead of orphaned records.
   */
  private async lockNumbers(em: EntityManager, parsed: ParsedEvent[]): Promise<void> {
    const named = new Set<string>();
    for (const p of parsed) {
      for (const m of p.messages) named.add(m.value.numberId);
      for (const st of p.statuses) named.add(st.value.numberId);
      for (const c of p.accountChanges) for (const n of c.numbers) named.add(n.id);
    }
    if (!named.size) return;
    const rows = await sql<{ id: string }>(
      em,
      'select id from whatsapp_numbers where id = any(?::uuid[]) order by id for key share',
      [[...named]],
    );
    const present = new Set(rows.map((r) => r.id));
    if (present.size === named.size) return;
    const gone = (item: ParsedItem<unknown>): InboundItemFailure => ({
      path: item.path,
      reason: `phone_number_id ${item.phoneNumberId} is not a registered WhatsApp number (deleted)`,
      item: item.raw,
    });
    for (const p of parsed) {
      for (const m of p.messages.filter((x) => !present.has(x.value.numberId))) p.failures.push(gone(m));
      for (const st of p.statuses.filter((x) => !present.has(x.value.numberId))) p.failures.push(gone(st));
      p.messages = p.messages.filter((x) => present.has(x.value.numberId));
      p.statuses = p.statuses.filter((x) => present.has(x.value.numberId));
      p.accountChanges = p.accountChanges.flatMap((c) => {
        const numbers = c.numbers.filter((n) => present.has(n.id));
        if (numbers.length) return [{ ...c, numbers }];
        p.failures.push({
          path: c.path,
          reason: `phone_number_id ${c.numbers.map((n) => n.phoneNumberId).join(', ')} is not a registered WhatsApp number (deleted)`,
          item: c.value,
        });
        return [];
      });
    }
  }

  /**
   * Account and template changes, after messages and statuses: each recorded once per delivery and path. In the
   * safe (item by item) pass each runs under a savepoint, so one the database rejects costs only itself.
   */
  private async applyAccountChanges(
    em: EntityManager,
    parsed: ParsedEvent[],
    tallies: Map<string, EventTally>,
    jobs: StagedJob[],
    receivedAt: Map<string, Date>,
    safe: boolean,
  ) {
    for (const p of parsed) {
      const t = tallies.get(p.eventId)!;
      const ctx = { em, inboundEventId: p.eventId, receivedAt: receivedAt.get(p.eventId)!, jobs };
      for (const change of p.accountChanges) {
        try {
          const run = () => this.accountEvents.apply(change, ctx);
          const r = safe ? await withSavepoint(em, run) : await run();
          if (r === 'duplicate') t.duplicates++;
          else t.applied++;
        } catch (e) {
          if (!safe || isTransientDbError(e)) throw e;
          t.failures.push({
            path: change.path,
            reason: `could not be applied: ${dbErrorReason(e)}`,
            item: change.value,
          });
        }
      }
    }
  }

  /** The registered numbers of a WABA (with the credentials that tell which app signed), read once per batch. */
  private wabaNumbers(em: EntityManager): WabaNumbersLookup {
    const cache = new Map<string, Promise<WabaNumber[]>>();
    return (wabaId) => {
      let found = cache.get(wabaId);
      if (!found) {
        found = sql<{ phone_number_id: string; display_phone_number: string }>(
          em,
          'select phone_number_id, display_phone_number from whatsapp_numbers where waba_id = ? order by created_at, id',
          [wabaId],
        ).then(async (rows) => {
          const out: WabaNumber[] = [];
          for (const r of rows) {
            const credentials = await this.numbers.byPhoneNumberId(r.phone_number_id);
            if (credentials) out.push({ credentials, displayPhoneNumber: r.display_phone_number });
          }
          return out;
        });
        cache.set(wabaId, found);
      }
      return found;
    };
  }

  /** Set-based: every message of every claimed event in one recordMany call. */
  private async recordFast(
    em: EntityManager,
    parsed: ParsedEvent[],
    tallies: Map<string, EventTally>,
    jobs: StagedJob[],
  ) {
    const items = parsed.flatMap((p) => p.messages.map((m) => ({ eventId: p.eventId, ...m })));
    const results = await this.intake.recordMany(
      em,
      items.map((i) => i.value),
    );
    for (const [i, result] of results.entries()) {
      const item = items[i];
      const t = tallies.get(item.eventId)!;
      if (result instanceof Error)
        t.failures.push({ path: item.path, reason: result.message, item: item.raw });
      else if (!result.created) t.duplicates++;
      else {
        t.stored++;
        if (result.effectRefused) t.failures.push(refusal(item, result.effectRefused));
        if (item.value.media && result.messageId) {
          jobs.push(
            await this.outbox.stage(em, QUEUES.mediaDownloads, {
              messageId: result.messageId,
              numberId: item.value.numberId,
            }),
          );
        }
      }
    }
    for (const p of parsed) {
      const t = tallies.get(p.eventId)!;
      for (const s of p.statuses) {
        const { refused } = await this.statuses.record(em, s.value);
        if (refused) t.failures.push(refusal(s, refused));
        else t.statuses++;
      }
    }
  }

  /** Item by item, each under a savepoint: the fallback when the database rejected part of a batch. */
  private async recordSafely(
    em: EntityManager,
    parsed: ParsedEvent[],
    tallies: Map<string, EventTally>,
    jobs: StagedJob[],
  ) {
    for (const p of parsed) {
      const t = tallies.get(p.eventId)!;
      for (const m of p.messages) {
        try {
          await withSavepoint(em, async () => {
            const r = await this.intake.record(em, m.value);
            if (!r.created) t.duplicates++;
            else {
              t.stored++;
              if (r.effectRefused) t.failures.push(refusal(m, r.effectRefused));
              if (m.value.media && r.messageId)
                jobs.push(
                  await this.outbox.stage(em, QUEUES.mediaDownloads, {
                    messageId: r.messageId,
                    numberId: m.value.numberId,
                  }),
                );
            }
          });
        } catch (e) {
          if (isTransientDbError(e)) throw e;
          t.failures.push({ path: m.path, reason: `could not be stored: ${dbErrorReason(e)}`, item: m.raw });
        }
      }
      for (const s of p.statuses) {
        try {
          const { refused } = await withSavepoint(em, () => this.statuses.record(em, s.value));
          if (refused) t.failures.push(refusal(s, refused));
          else t.statuses++;
        } catch (e) {
          if (isTransientDbError(e)) throw e;
          t.failures.push({ path: s.path, reason: `could not be stored: ${dbErrorReason(e)}`, item: s.raw });
        }
      }
    }
  }
}
