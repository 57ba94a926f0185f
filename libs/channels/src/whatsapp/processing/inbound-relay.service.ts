import { EntityManager } from '@mikro-orm/postgresql';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, QUEUES } from '@switchboard/engine';
import { Queue } from 'bullmq';

/**
 * Re-queues stored events that were never processed (enqueue failed, queue outage, worker crash).
 * The job id is the event id, so an event whose job is still waiting is not queued twice.
 */
@Injectable()
export class InboundRelayService {
  private readonly logger = new Logger(InboundRelayService.name);

  constructor(
    private readonly em: EntityManager,
    @InjectQueue(QUEUES.inboundEvents) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async tick(limit = 1000): Promise<number> {
    const stale = new Date(Date.now() - this.config.intake.staleAfterMs);
    const rows = await this.em.execute<{ id: string }[]>(
      `select id from inbound_events
        where status = 'pending' and coalesce(claimed_at, received_at) < ?
        order by received_at limit ?`,
      [stale, limit],
    );
    if (!rows.length) return 0;
    try {
      // A job that still exists (waiting, or failed and kept) would swallow the re-add: drop finished ones first.
      for (const { id } of rows) {
        const job = await this.queue.getJob(id);
        if (job && ((await job.isFailed()) || (await job.isCompleted()))) await job.remove();
      }
      await this.queue.addBulk(
        rows.map(({ id }) => ({ name: 'event', data: { eventId: id }, opts: { jobId: id } })),
      );
      await this.em.execute(
        `update inbound_events set claimed_at = now() where id in (${rows.map(() => '?').join(',')})`,
        rows.map((r) => r.id),
        'run',
      );
      return rows.length;
    } catch (e) {
      this.logger.warn(`relay could not re-queue ${rows.length} event(s): ${(e as Error).message}`);
      return 0;
    }
  }
}
