import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { OutboxService } from './outbox.service';

interface PendingRow {
  id: string;
  queue: string;
  data: Record<string, string>;
}

/**
 * Publishes outbox entries that are not done and were never published, or whose publish is older than
 * staleAfterMs (queue outage, crash). Rows are claimed with SKIP LOCKED so several workers can relay.
 */
@Injectable()
export class OutboxRelayService {
  private readonly logger = new Logger(OutboxRelayService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async tick(limit = 500): Promise<number> {
    const stale = new Date(Date.now() - this.config.intake.staleAfterMs);
    return this.em.fork().transactional(async (em) => {
      const rows: PendingRow[] = await em.execute(
        `select id, queue, data from outbox
          where done_at is null and (published_at is null or published_at < ?) and created_at < ?
          order by created_at limit ? for update skip locked`,
        [stale, new Date(Date.now() - 1000), limit],
      );
      let published = 0;
      for (const row of rows) {
        try {
          await this.outbox
            .queue(row.queue)
            .add(row.queue, { ...row.data, outboxId: row.id }, { jobId: row.id });
          await em.execute('update outbox set published_at = now() where id = ?', [row.id]);
          published++;
        } catch (e) {
          this.logger.warn(`relay could not publish outbox ${row.id}: ${(e as Error).message}`);
          break;
        }
      }
      return published;
    });
  }
}
