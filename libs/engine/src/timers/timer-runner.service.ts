import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { Client } from 'pg';
import { Clock } from '../clock/clock';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { claimDue, claimOne, nextDue, recordFailure } from './timer-claims';
import { TIMERS_CHANNEL } from './durable-timers.service';
import { TimerRegistry } from './timer-registry';
import { FiredTimer } from './timer-types';

/** How soon the runner looks again when a due timer is held by another runner, or a pass failed. */
const SOON_MS = 50;

interface BatchResult {
  claimed: number;
  fired: number;
  failed: boolean;
}

/**
 * Fires due durable timers (worker role). A pass claims batches of due timers in transactions (SKIP LOCKED, so any
 * number of worker processes share the work and each timer fires once: its removal commits with its handler's
 * writes), until none is left due by the engine Clock. A handler that throws rolls its batch back; its timers are
 * then fired one by one, so only the failing ones are recorded and backed off and the rest carry on. Between passes
 * the runner sleeps until the next due time (capped by timers.maxSleepMs), and wakes early on a committed schedule
 * of an earlier timer (NOTIFY) or a move of a controllable clock. Kinds whose handler is declared `alone`
 * (@OnTimer) fire one timer per transaction, after the batched kinds of the pass.
 */
@Injectable()
export class TimerRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TimerRunner.name);
  private listener: Client | null = null;
  private stopped = false;
  private active = false;
  private sleep: NodeJS.Timeout | null = null;
  /** The clock time (ms) the runner sleeps towards: a schedule notified as due before it wakes the runner. */
  private target = Number.NEGATIVE_INFINITY;
  /** A pass waiting to start (wakes meanwhile join it); passes of one process run one after another. */
  private queued: Promise<number> | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private running = false;
  private stopWatchingClock: (() => void) | null = null;

  constructor(
    private readonly em: EntityManager,
    private readonly orm: MikroORM,
    private readonly registry: TimerRegistry,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.registry.kinds().length) return;
    this.active = true;
    this.stopWatchingClock = this.clock.onChange(() => this.wake());
    await this.listen();
    this.wake();
  }

  /** Before the database closes (its module closes it on application shutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.sleep) clearTimeout(this.sleep);
    this.stopWatchingClock?.();
    await this.listener?.end().catch(() => undefined);
    // A running pass holds a database connection until its transaction ends.
    await this.tail;
  }

  /**
   * Fires every timer due by the clock now, after any pass already running in this process, and resolves to how
   * many fired (tests: `clock.advance(...)` then `await runner.runDue()`).
   */
  runDue(): Promise<number> {
    return this.queue();
  }

  /**
   * Tests: whether a pass is queued or running, and the clock time the idle runner sleeps towards (a schedule
   * notified as due before it wakes the runner; null when it only polls).
   */
  status(): { busy: boolean; sleepingTowards: Date | null } {
    return {
      busy: this.running || this.queued !== null,
      sleepingTowards: Number.isFinite(this.target) ? new Date(this.target) : null,
    };
  }

  private wake(): void {
    if (this.stopped || !this.active) return;
    void this.queue().catch(() => undefined);
  }

  private queue(): Promise<number> {
    if (this.queued) return this.queued;
    const pass = this.tail.then(async () => {
      this.queued = null;
      if (this.sleep) clearTimeout(this.sleep);
      this.sleep = null;
      if (this.stopped) return 0;
      if (this.active && !this.listener) void this.listen();
      this.running = true;
      try {
        const fired = await this.pass();
        await this.sleepUntilNext();
        return fired;
      } catch (e) {
        this.logger.warn(`durable timers pass failed: ${(e as Error).message}`);
        this.arm(SOON_MS, Number.NEGATIVE_INFINITY);
        throw e;
      } finally {
        this.running = false;
      }
    });
    this.queued = pass;
    this.tail = pass.catch(() => undefined);
    return pass;
  }

  private async pass(): Promise<number> {
    // Kinds declared `alone` are claimed one timer per transaction, never batched with others.
    const groups = [
      { kinds: this.registry.kindsFired(false), limit: this.config.timers.batchSize },
      { kinds: this.registry.kindsFired(true), limit: 1 },
    ];
    let fired = 0;
    for (const { kinds, limit } of groups)
      while (kinds.length && !this.stopped) {
        const batch = await this.batch(kinds, limit);
        fired += batch.fired;
        // After a failure the rest of that batch (rolled back, still due) is taken by the next one.
        if (!batch.failed && batch.claimed < limit) break;
      }
    return fired;
  }

  private async batch(kinds: readonly string[], limit: number): Promise<BatchResult> {
    const now = this.clock.now();
    const failed: { timers: FiredTimer[]; error: Error | null } = { timers: [], error: null };
    let claimed = 0;
    await this.em
      .fork()
      .transactional(async (em) => {
        const due = await claimDue(em, kinds, now, limit);
        claimed = due.length;
        for (const [kind, timers] of byKind(due))
          try {
            await this.registry.handler(kind)!.fire(timers, em);
          } catch (e) {
            failed.timers = timers;
            failed.error = e as Error;
            throw e;
          }
      })
      .catch((e: unknown) => {
        if (!failed.error) throw e;
      });
    if (!failed.error) return { claimed, fired: claimed, failed: false };
    if (failed.timers.length === 1) {
      await this.recordFailure(failed.timers[0], failed.error);
      return { claimed, fired: 0, failed: true };
    }
    // One bad timer must not hold back its batch-mates: fire each of that kind alone.
    let fired = 0;
    for (const timer of failed.timers) fired += await this.fireAlone(timer);
    return { claimed, fired, failed: true };
  }

  private async fireAlone(timer: FiredTimer): Promise<number> {
    const now = this.clock.now();
    const failed: { error: Error | null } = { error: null };
    let fired = 0;
    await this.em
      .fork()
      .transactional(async (em) => {
        const again = await claimOne(em, timer, now);
        if (!again) return;
        try {
          await this.registry.handler(again.kind)!.fire([again], em);
        } catch (e) {
          failed.error = e as Error;
          throw e;
        }
        fired = 1;
      })
      .catch((e: unknown) => {
        if (!failed.error) throw e;
      });
    if (failed.error) await this.recordFailure(timer, failed.error);
    return fired;
  }

  private async recordFailure(timer: FiredTimer, error: Error): Promise<void> {
    const attempts = await recordFailure(this.em.fork(), timer, error, this.clock.now(), this.config.timers);
    const source = this.registry.handler(timer.kind)?.source ?? timer.kind;
    this.logger.warn(
      `timer ${timer.key} (${source}) failed, attempt ${attempts ?? '?'}, retried later: ${error.message}`,
    );
  }

  private async sleepUntilNext(): Promise<void> {
    if (this.stopped || !this.active) return;
    const due = (await nextDue(this.em.fork(), this.registry.kinds()))?.getTime() ?? Number.POSITIVE_INFINITY;
    const now = this.clock.now().getTime();
    // Due yet left: another runner holds it (or it was scheduled just now); look again shortly.
    if (due <= now) this.arm(SOON_MS, Number.NEGATIVE_INFINITY);
    else this.arm(Math.min(this.config.timers.maxSleepMs, due - now), due);
  }

  private arm(delayMs: number, target: number): void {
    if (this.stopped) return;
    if (this.sleep) clearTimeout(this.sleep);
    this.target = target;
    this.sleep = setTimeout(() => this.wake(), delayMs);
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.orm.config.get('clientUrl') });
    this.listener = client;
    client.on('notification', (n) => {
      const at = Number(n.payload);
      // Only a timer due before the one slept towards matters; the rest are found when it comes.
      if (!(at >= this.target)) this.wake();
    });
    client.on('error', (e) => {
      this.logger.warn(`timer listener lost (${e.message}); the runner polls until it reconnects`);
      if (this.listener === client) this.listener = null;
    });
    client.on('end', () => {
      if (this.listener === client) this.listener = null;
    });
    try {
      await client.connect();
      await client.query(`listen ${TIMERS_CHANNEL}`);
    } catch (e) {
      this.logger.warn(`timer listener could not start: ${(e as Error).message}`);
      if (this.listener === client) this.listener = null;
      await client.end().catch(() => undefined);
    }
  }
}

function byKind(timers: FiredTimer[]): Map<string, FiredTimer[]> {
  const groups = new Map<string, FiredTimer[]>();
  for (const t of timers) {
    const group = groups.get(t.kind);
    if (group) group.push(t);
    else groups.set(t.kind, [t]);
  }
  return groups;
}
