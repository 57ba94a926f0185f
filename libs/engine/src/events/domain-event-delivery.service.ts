import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { Client } from 'pg';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { sql } from '../persistence/sql';
import { READ_HORIZON, readAfterCursor } from './domain-event-reader';
import { DomainEventName } from './domain-event-types';
import { DOMAIN_EVENTS_CHANNEL } from './domain-events.service';
import { DomainEventSubscriber, SubscriberRegistry } from './subscriber-registry';

/** What one batch did: nothing to read, read a full batch, must look again soon, wait, or failed. */
export type DeliveryOutcome =
  | { kind: 'idle' }
  | { kind: 'delivered'; count: number }
  | { kind: 'busy' }
  | { kind: 'more' }
  | { kind: 'soon' }
  | { kind: 'later'; at: Date }
  | { kind: 'failed'; attempts: number };

interface Loop {
  subscriber: DomainEventSubscriber;
  /** The names it handles, sorted: its reads take only these (and pass over the rest of the stream). */
  names: string[];
  running: boolean;
  again: boolean;
  timer: NodeJS.Timeout | null;
}

/**
 * How soon a loop looks again when rows are held back by an older transaction, or another process holds the lock.
 * The wait is added to the events' latency whenever the older transaction does not publish (a webhook's insert, a
 * subscriber writing without events), and a look costs a lock and one read: kept short.
 */
const SOON_MS = 20;

/**
 * Delivers domain events to this process's subscribers (worker role). One loop per subscriber: each batch runs in
 * one transaction that first takes a transaction-scoped advisory lock on the subscriber (so across the cluster only
 * one process delivers a subscriber at a time, and a crashed one releases it with its connection), reads the next
 * batch after the subscriber's cursor, hands it to the handler with that transaction's `em`, and advances the
 * cursor in it. A handler that throws rolls all of it back; the failure is recorded and the subscriber retried with
 * backoff, other loops carry on. Loops wake on the NOTIFY of a committed publish and on a slow safety poll.
 */
@Injectable()
export class DomainEventDelivery implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DomainEventDelivery.name);
  private readonly loops = new Map<string, Loop>();
  private poll: NodeJS.Timeout | null = null;
  private listener: Client | null = null;
  private stopped = false;
  private lastPrune = 0;

  constructor(
    private readonly em: EntityManager,
    private readonly orm: MikroORM,
    private readonly registry: SubscriberRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const subscriber of this.registry.subscribers()) {
      await this.ensureCursor(subscriber.name);
      this.loops.set(subscriber.name, {
        subscriber,
        names: [...subscriber.events].sort(),
        running: false,
        again: false,
        timer: null,
      });
    }
    this.poll = setInterval(() => this.tick(), this.config.events.pollIntervalMs);
    this.poll.unref();
    if (!this.loops.size) return;
    await this.listen();
    this.wakeAll();
  }

  /** Before the database closes (its module closes it on application shutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.poll) clearInterval(this.poll);
    for (const loop of this.loops.values()) if (loop.timer) clearTimeout(loop.timer);
    await this.listener?.end().catch(() => undefined);
    // Let running batches finish (they hold a database connection until they commit or roll back).
    while ([...this.loops.values()].some((l) => l.running)) await new Promise((r) => setTimeout(r, 10));
  }

  /** Wakes every loop now (tests, and anything that knows it just committed events). */
  wakeAll(): void {
    for (const loop of this.loops.values()) this.run(loop);
  }

  /**
   * A committed publish names its events (see DomainEvents.publish): only the loops handling one of them are woken.
   * The others pass over those events on their next read, whenever something of theirs (or the poll) wakes them. A
   * notification without names wakes every loop.
   */
  private wake(payload: string | undefined): void {
    if (!payload) return this.wakeAll();
    const names = payload.split(',');
    for (const loop of this.loops.values())
      if (names.some((name) => loop.subscriber.events.has(name as DomainEventName))) this.run(loop);
  }

  private tick(): void {
    if (!this.listener && this.loops.size) void this.listen();
    this.wakeAll();
    if (Date.now() - this.lastPrune > 60_000) {
      this.lastPrune = Date.now();
      void this.prune().catch((e: unknown) => this.logger.warn(`pruning failed: ${(e as Error).message}`));
    }
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.orm.config.get('clientUrl') });
    this.listener = client;
    client.on('notification', (n) => this.wake(n.payload));
    client.on('error', (e) => {
      this.logger.warn(`domain event listener lost (${e.message}); the poll carries on until it reconnects`);
      if (this.listener === client) this.listener = null;
    });
    // A connection closed without an error (a restarted server) is reopened by the next poll too.
    client.on('end', () => {
      if (this.listener === client) this.listener = null;
    });
    try {
      await client.connect();
      await client.query(`listen ${DOMAIN_EVENTS_CHANNEL}`);
    } catch (e) {
      this.logger.warn(`domain event listener could not start: ${(e as Error).message}`);
      if (this.listener === client) this.listener = null;
      await client.end().catch(() => undefined);
    }
  }

  private run(loop: Loop): void {
    if (this.stopped) return;
    if (loop.running) {
      loop.again = true;
      return;
    }
    if (loop.timer) clearTimeout(loop.timer);
    loop.timer = null;
    loop.running = true;
    void (async () => {
      let outcome: DeliveryOutcome = { kind: 'more' };
      while (!this.stopped && (outcome.kind === 'more' || loop.again)) {
        loop.again = false;
        outcome = await this.deliverBatch(loop).catch((e: unknown) => {
          this.logger.warn(
            `domain event delivery to ${loop.subscriber.name} failed: ${(e as Error).message}`,
          );
          return { kind: 'soon' } as DeliveryOutcome;
        });
      }
      loop.running = false;
      if (this.stopped) return;
      const delay =
        outcome.kind === 'soon' || outcome.kind === 'busy'
          ? SOON_MS
          : outcome.kind === 'later'
            ? Math.max(0, outcome.at.getTime() - Date.now())
            : outcome.kind === 'failed'
              ? this.backoff(outcome.attempts)
              : null;
      if (delay !== null) loop.timer = setTimeout(() => this.run(loop), delay);
    })();
  }

  /** Runs one batch for the named subscriber now, beside its loop (tests). */
  async deliverOnce(name: string): Promise<DeliveryOutcome> {
    const loop = this.loops.get(name);
    if (!loop) throw new Error(`no domain event subscriber "${name}" in this process`);
    return this.deliverBatch(loop);
  }

  private backoff(attempts: number): number {
    const { retryBaseMs, retryMaxMs } = this.config.events;
    return Math.min(retryMaxMs, retryBaseMs * 2 ** Math.min(30, attempts - 1));
  }

  /** One batch for one subscriber, in one transaction with its cursor. */
  private async deliverBatch(loop: Loop): Promise<DeliveryOutcome> {
    const { subscriber } = loop;
    const limit = this.config.events.batchSize;
    const failed: { error: Error | null } = { error: null };
    const outcome = await this.em
      .fork()
      .transactional(async (em): Promise<DeliveryOutcome> => {
        const [lock] = await sql<{ ok: boolean }>(
          em,
          `select pg_try_advisory_xact_lock(hashtext('domain_event_cursor'), hashtext(?)) as ok`,
          [subscriber.name],
          'domain_event_cursor_lock',
        );
        if (!lock.ok) return { kind: 'busy' };
        // The cursor is read in the statement after the lock, so it is the one the last holder committed.
        const read = await readAfterCursor(em, subscriber.name, limit, loop.names);
        if (!read) throw new Error(`the cursor of subscriber ${subscriber.name} is missing`);
        if (read.retryAt) return { kind: 'later', at: read.retryAt };
        if (!read.last) return read.heldBack ? { kind: 'soon' } : { kind: 'idle' };
        if (read.events.length)
          try {
            await subscriber.handle(read.events, em);
          } catch (e) {
            failed.error = e as Error;
            throw e;
          }
        await sql(
          em,
          `update domain_event_cursors set xid = ?::bigint, seq = ?::bigint, attempts = 0, retry_at = null,
                  last_error = null, updated_at = now() where subscriber = ?`,
          [read.last.xid, read.last.seq, subscriber.name],
          'domain_event_cursor_advance',
        );
        if (read.events.length === limit) return { kind: 'more' };
        return read.heldBack ? { kind: 'soon' } : { kind: 'delivered', count: read.events.length };
      })
      .catch((e: unknown) => {
        if (!failed.error) throw e;
        return null;
      });
    return outcome ?? this.recordFailure(subscriber, failed.error ?? new Error('unknown failure'));
  }

  private async recordFailure(subscriber: DomainEventSubscriber, error: Error): Promise<DeliveryOutcome> {
    const [row] = await sql<{ attempts: number }>(
      this.em.fork(),
      `update domain_event_cursors set attempts = attempts + 1, last_error = ?, updated_at = now(),
              retry_at = now() + make_interval(secs => least(?::float, ?::float * power(2, attempts)) / 1000)
        where subscriber = ? returning attempts`,
      [
        error.message.slice(0, 500),
        this.config.events.retryMaxMs,
        this.config.events.retryBaseMs,
        subscriber.name,
      ],
    );
    this.logger.warn(
      `domain event subscriber ${subscriber.name} (${subscriber.source}) failed, attempt ${row?.attempts ?? '?'}: ${error.message}`,
    );
    return { kind: 'failed', attempts: row?.attempts ?? 1 };
  }

  /**
   * Creates the subscriber's cursor when it has none, in its own statement (a batch's transaction then takes no
   * transaction id before its handler writes, so it does not hold the other subscribers' read horizon back). A new
   * subscriber starts after the last event readable now: it does not replay the retained history and, being gated
   * like every read, misses nothing committed after.
   */
  private async ensureCursor(name: string): Promise<void> {
    await sql(
      this.em.fork(),
      `insert into domain_event_cursors (subscriber, xid, seq)
       select ?, coalesce(max(xid), 0), coalesce(max(seq), 0) from (
         select xid, seq from domain_events where xid < ${READ_HORIZON}
          order by xid desc, seq desc limit 1) head
       on conflict (subscriber) do nothing`,
      [name],
    );
  }

  /**
   * Deletes events older than the retention that every cursor has passed. A cursor of a subscriber that no longer
   * exists holds pruning back: delete its row (docs/operations.md).
   */
  async prune(): Promise<number> {
    const rows = await sql(
      this.em.fork(),
      `delete from domain_events e
        where e.occurred_at < now() - make_interval(secs => ?::float * 3600)
          and not exists (select 1 from domain_event_cursors c where (c.xid, c.seq) < (e.xid, e.seq))
        returning 1`,
      [this.config.events.retentionHours],
    );
    return rows.length;
  }
}
