import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { APP_CONFIG, AppConfig, Clock } from '@switchboard/engine';
import { MediaStore } from '../media-store';
import { deleteUnsentUploads } from './media-uploads.repository';

/** How often the worker looks; the first beat after boot prunes. */
const PRUNE_EVERY_MS = 60 * 60_000;
const BEAT_MS = 60_000;
/** Uploads deleted per transaction (each holds its rows' locks while their files are removed). */
const BATCH = 200;

/**
 * Deletes agents' uploads that no reply sent within media.unsentRetentionHours (measured on the engine clock), row
 * and stored bytes: the composer uploads when the agent presses send, so an upload left unsent was abandoned. One
 * a message refers to is marked sent with that message and never goes. Batches are claimed with `skip locked`, so
 * several workers share the work and never delete one twice; worker-role processes only (the schedule runs there).
 */
@Injectable()
export class UnsentUploadsPrune {
  private readonly logger = new Logger(UnsentUploadsPrune.name);
  private last = 0;
  private running = false;

  constructor(
    private readonly em: EntityManager,
    private readonly store: MediaStore,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Interval('channels.unsent-uploads-prune', BEAT_MS)
  async beat(): Promise<void> {
    if (this.running || (this.last && Date.now() - this.last < PRUNE_EVERY_MS)) return;
    this.running = true;
    this.last = Date.now();
    try {
      const pruned = await this.prune();
      if (pruned) this.logger.log(`pruned ${pruned} unsent upload(s)`);
    } catch (e) {
      this.logger.warn(`unsent uploads prune failed: ${(e as Error).message}`);
    } finally {
      this.running = false;
    }
  }

  /** Deletes unsent uploads older than the retention; answers how many this call deleted. */
  async prune(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.media.unsentRetentionHours * 3_600_000);
    let total = 0;
    for (;;) {
      // The files go before the rows' deletion commits: a crash in between leaves rows the next prune deletes
      // again, never bytes that no row names.
      const deleted = await this.em.fork().transactional(async (em) => {
        const keys = await deleteUnsentUploads(em, cutoff, BATCH);
        // A file that cannot go (permissions, a directory in its place) is logged and left: rolling the batch back
        // would retry it first every hour and stop the prune for good.
        for (const key of keys)
          await this.store
            .remove(key)
            .catch((e: Error) => this.logger.warn(`stored upload ${key} not removed: ${e.message}`));
        return keys.length;
      });
      total += deleted;
      if (deleted < BATCH) return total;
    }
  }
}
