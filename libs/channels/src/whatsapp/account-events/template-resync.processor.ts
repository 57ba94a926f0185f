import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig, OutboxService, QUEUES, startWorker } from '@switchboard/engine';
import { Job } from 'bullmq';
import { TemplateSyncService } from '../templates/template-sync.service';

/**
 * Re-syncs a WABA's templates when a template webhook named one Switchboard did not know (made in Meta's UI).
 * Queued from the inbound-event transaction through the outbox, so Graph is never called inside it. A failed
 * sync is recorded on the WABA's sync state (visible with its templates), not retried here.
 */
@Processor(QUEUES.templateSyncs, { autorun: false })
export class TemplateResyncProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly templates: TemplateSyncService,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    startWorker(this.worker, { concurrency: 2, lockDurationMs: this.config.worker.lockDurationMs });
  }

  async process(job: Job<{ wabaId: string; numberId: string; outboxId?: string }>) {
    await this.templates.syncQuietly(job.data.numberId);
    await this.outbox.markDone(job.data.outboxId);
    return { wabaId: job.data.wabaId };
  }
}
