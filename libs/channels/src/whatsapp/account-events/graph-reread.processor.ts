import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig, OutboxService, QUEUES, startWorker } from '@switchboard/engine';
import { Job } from 'bullmq';
import { NumberFieldsRereadService } from './number-fields-reread.service';
import { TemplateResyncCoalescer } from './template-resync-coalescer';

type FollowUp =
  | { kind?: undefined; wabaId: string; numberId: string; requestedAt?: string; outboxId?: string }
  | { kind: 'number_fields'; numberId: string; outboxId?: string };

/**
 * Graph reads that account events queue from the inbound-event transaction through the outbox, so Graph is never
 * called inside it: a WABA's template re-sync when a template webhook named one Switchboard did not know (made in
 * Meta's UI), and a number's fields re-read when a quality event left its rating unknown. A failure is recorded
 * (template sync state) or logged, not retried here.
 */
@Processor(QUEUES.graphRereads, { autorun: false })
export class GraphRereadProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly templates: TemplateResyncCoalescer,
    private readonly numberFields: NumberFieldsRereadService,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    startWorker(this.worker, { concurrency: 2, lockDurationMs: this.config.worker.lockDurationMs });
  }

  async process(job: Job<FollowUp>) {
    const data = job.data;
    const result =
      data.kind === 'number_fields'
        ? await this.numberFields.reread(data.numberId)
        : await this.templates.resync(data.wabaId, data.numberId, data.requestedAt);
    await this.outbox.markDone(data.outboxId);
    return result;
  }
}
