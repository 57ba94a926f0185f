import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { APP_CONFIG, AppConfig, sql } from '@switchboard/engine';

/** How often the worker looks; the first beat after boot prunes. */
const PRUNE_EVERY_MS = 60 * 60_000;
const BEAT_MS = 60_000;
/** Rows deleted per statement, so one prune never holds a long lock. */
const BATCH = 5000;

/**
 * Keeps routing_decisions bounded: a decision exists only to recognise a re-delivered event, and events older than
 * the event retention (events.retentionHours) are never delivered again. Once per cluster per prune
 * (pg_try_advisory_xact_lock); worker-role processes only (the schedule runs there).
 */
@Injectable()
export class RoutingDecisionsPrune {
  private readonly logger = new Logger(RoutingDecisionsPrune.name);
  private last = 0;
  private running = false;

  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Interval('routing.decisions-prune', BEAT_MS)
  async beat(): Promise<void> {
    if (this.running || (this.last && Date.now() - this.last < PRUNE_EVERY_MS)) return;
    this.running = true;
    this.last = Date.now();
    try {
      await this.prune();
    } catch (e) {
      this.logger.warn(`routing decisions prune failed: ${(e as Error).message}`);
    } finally {
      this.running = false;
    }
  }

  /** Deletes decisions older than the retention; null when another process holds the prune. */
  async prune(): Promise<number | null> {
    return this.em.fork().transactional(async (em) => {
      const [lock] = await sql<{ ok: boolean }>(
        em,
        `select pg_try_advisory_xact_lock(hashtext('routing'), hashtext('decisions-prune')) as ok`,
      );
      if (!lock.ok) return null;
      let total = 0;
      for (;;) {
        const rows = await sql(
          em,
          `delete from routing_decisions where ctid = any(array(
             select ctid from routing_decisions
              where created_at < now() - make_interval(secs => ?::float * 3600) limit ?))
           returning 1`,
          [this.config.events.retentionHours, BATCH],
        );
        total += rows.length;
        if (rows.length < BATCH) return total;
      }
    });
  }
}
