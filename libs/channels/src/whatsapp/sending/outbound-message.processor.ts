import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig, OutboxService, QUEUES, startWorker } from '@switchboard/engine';
import { Job } from 'bullmq';
import { SendMessageService } from './send-message.service';

/** Thrown to let BullMQ retry a send that Meta refused for a transient reason (130429, 131056, …). */
class RetryableSendError extends Error {}

@Processor(QUEUES.outboundMessages, { autorun: false })
export class OutboundMessageProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly sender: SendMessageService,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    startWorker(this.worker, {
      concurrency: this.config.worker.sendConcurrency,
      lockDurationMs: this.config.worker.lockDurationMs,
    });
  }

  async process(job: Job<{ messageId: string; outboxId?: string }>) {
    const attempts = job.opts.attempts ?? 1;
    const result = await this.sender.send(job.data.messageId, job.attemptsMade + 1 >= attempts);
    if (result.kind === 'retry') throw new RetryableSendError(result.error?.message ?? 'retry');
    await this.outbox.markDone(job.data.outboxId);
    return { result: result.kind };
  }
}
