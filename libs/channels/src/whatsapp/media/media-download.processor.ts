import { Processor, WorkerHost } from '@nestjs/bullmq';
import { OutboxService, QUEUES } from '@switchboard/engine';
import { Job } from 'bullmq';
import { MediaDownloadService } from './media-download.service';

@Processor(QUEUES.mediaDownloads, { concurrency: 4 })
export class MediaDownloadProcessor extends WorkerHost {
  constructor(
    private readonly media: MediaDownloadService,
    private readonly outbox: OutboxService,
  ) {
    super();
  }

  async process(job: Job<{ messageId: string; numberId: string; outboxId?: string }>) {
    const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const result = await this.media.download(job.data.messageId, job.data.numberId, final);
    if (result === 'retry') throw new Error(`media for message ${job.data.messageId} not downloaded yet; retrying`);
    await this.outbox.markDone(job.data.outboxId);
    return { result };
  }
}
