import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig, QUEUES } from '@switchboard/engine';
import { Job } from 'bullmq';
import { InboundEventService } from './inbound-event.service';

/** One job per webhook delivery (the job carries the event id only). */
@Processor(QUEUES.inboundEvents)
export class InboundEventProcessor extends WorkerHost implements OnModuleInit {
  constructor(
    private readonly events: InboundEventService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onModuleInit(): void {
    this.worker.concurrency = this.config.worker.concurrency;
  }

  async process(job: Job<{ eventId: string }>) {
    const outcome = await this.events.process(job.data.eventId);
    return { status: outcome.status, stored: outcome.stored, duplicates: outcome.duplicates, failures: outcome.failures.length };
  }
}
