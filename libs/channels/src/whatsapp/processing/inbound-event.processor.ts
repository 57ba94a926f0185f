import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig, QUEUES, startWorker } from '@switchboard/engine';
import { Job } from 'bullmq';
import { InboundEventService } from './inbound-event.service';

/** One job per webhook delivery (the job carries the event id only); processing may take pending neighbours along. */
@Processor(QUEUES.inboundEvents, { autorun: false })
export class InboundEventProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly events: InboundEventService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    startWorker(this.worker, {
      concurrency: this.config.worker.concurrency,
      lockDurationMs: this.config.worker.lockDurationMs,
    });
  }

  async process(job: Job<{ eventId: string | null }>) {
    return this.events.process(job.data.eventId);
  }
}
