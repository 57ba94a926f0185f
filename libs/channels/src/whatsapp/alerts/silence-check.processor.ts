import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig, QUEUES, startWorker } from '@switchboard/engine';
import { Queue } from 'bullmq';
import { SilenceAlarmService } from './silence-alarm.service';

const SCHEDULER_ID = 'silence-check';

/**
 * Runs the silence check every `numbers.healthCheckIntervalMs`, once per cluster: a BullMQ job scheduler makes one
 * job per interval whichever worker takes it, and every worker upserting the same scheduler changes nothing.
 */
@Processor(QUEUES.numberHealth, { autorun: false })
export class SilenceCheckProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly silence: SilenceAlarmService,
    @InjectQueue(QUEUES.numberHealth) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      SCHEDULER_ID,
      { every: this.config.numbers.healthCheckIntervalMs },
      { name: SCHEDULER_ID, data: {}, opts: { attempts: 1, removeOnComplete: true, removeOnFail: 100 } },
    );
    startWorker(this.worker, { concurrency: 1, lockDurationMs: this.config.worker.lockDurationMs });
  }

  async process(): Promise<void> {
    await this.silence.checkAll();
  }
}
