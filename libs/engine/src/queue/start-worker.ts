import { Worker } from 'bullmq';

export interface WorkerTuning {
  concurrency: number;
  /** How long a job's lock lives; a crashed worker's job is picked up again after it expires. */
  lockDurationMs: number;
}

/**
 * Applies tuning from config, then starts the worker. Processors are declared with `autorun: false`
 * because @nestjs/bullmq takes worker options only from the static decorator.
 */
export function startWorker(worker: Worker, tuning: WorkerTuning): void {
  worker.concurrency = tuning.concurrency;
  worker.opts.lockDuration = tuning.lockDurationMs;
  worker.opts.lockRenewTime = tuning.lockDurationMs / 2;
  worker.opts.stalledInterval = tuning.lockDurationMs;
  // The lock manager copied the constructor's lock settings; rebuild it (bullmq 6.7, pinned) before run().
  (worker as unknown as { createLockManager(): void }).createLockManager();
  void worker.run();
}
