import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig, OutboxService, QUEUES, startWorker } from '@switchboard/engine';
import { Job } from 'bullmq';
import { MediaDownloadService } from './media-download.service';

@Processor(QUEUES.mediaDownloads, { autorun: false })
export class MediaDownloadProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly media: MediaDownloadService,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    startWorker(this.worker, { concurrency: 4, lockDurationMs: this.config.worker.lockDurationMs });
  }

  async process(job: Job<{ messageId: string; numberId: string; outboxId?: string }>) {
    const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const result = await this.media.download(job.data.messageId, job.data.numberId, final);
    if (result === 'retry')
      throw new Error(`media for message ${job.data.messageId} not downloaded yet; retrying`);
    await this.outbox.markDone(job.data.outboxId);
    return { result };
  }
}
