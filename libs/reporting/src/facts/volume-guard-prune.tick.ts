import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { APP_CONFIG, AppConfig, Clock, sql } from '@switchboard/engine';

/** How often the worker looks; the first beat after boot prunes. */
const PRUNE_EVERY_MS = 60 * 60_000;
const BEAT_MS = 60_000;
/** Rows deleted per statement, so one prune never holds a long lock. */
const BATCH = 5000;

/**
 * Keeps report_volume_messages bounded. A guard row exists only so that a copy of its message's event (a publisher
 * retrying, an event still kept being delivered again) is not counted twice; past reporting.volumeGuardRetentionHours
 * after the message's hour no copy can come, so the row goes. Measured on the engine clock, as the hours are. Once
 * per cluster per prune (pg_try_advisory_xact_lock); worker-role processes only (the schedule runs there).
 */
@Injectable()
export class VolumeGuardPrune {
  private readonly logger = new Logger(VolumeGuardPrune.name);
  private last = 0;
  private running = false;

  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Interval('reporting.volume-guard-prune', BEAT_MS)
  async beat(): Promise<void> {
    if (this.running || (this.last && Date.now() - this.last < PRUNE_EVERY_MS)) return;
    this.running = true;
    this.last = Date.now();
    try {
      await this.prune();
    } catch (e) {
      this.logger.warn(`volume guard prune failed: ${(e as Error).message}`);
    } finally {
      this.running = false;
    }
  }

  /**
   * Deletes guard rows whose hour is older than the retention, a batch per transaction so no prune holds its locks
   * long; null when another process holds the prune. The retention is never shorter than the event log's: an event
   * still kept can be delivered again, and its message must still be recognised then.
   */
  async prune(): Promise<number | null> {
    const hours = Math.max(
      this.config.reporting.volumeGuardRetentionHours,
      this.config.events.retentionHours,
    );
    const cutoff = new Date(this.clock.now().getTime() - hours * 3_600_000);
    let total = 0;
    for (;;) {
      const deleted = await this.em.fork().transactional(async (em) => {
        const [lock] = await sql<{ ok: boolean }>(
          em,
          `select pg_try_advisory_xact_lock(hashtext('reporting'), hashtext('volume-guard-prune')) as ok`,
        );
        if (!lock.ok) return null;
        const rows = await sql(
          em,
          `delete from report_volume_messages where message_id = any(array(
             select message_id from report_volume_messages where hour < ?::timestamptz limit ?))
           returning 1`,
          [cutoff, BATCH],
        );
        return rows.length;
      });
      if (deleted === null) return total ? total : null;
      total += deleted;
      if (deleted < BATCH) return total;
    }
  }
}
