import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { NumberRegistry } from '@switchboard/channels';
import {
  APP_CONFIG,
  AppConfig,
  OutboxService,
  PluginHooksService,
  QUEUES,
  startWorker,
} from '@switchboard/engine';
import { PluginCardQuery } from '@switchboard/pipelines';
import { Job } from 'bullmq';
import { PluginCapabilities } from './plugin-capabilities';

/** Exactly one kind of work per job; ids only. */
interface PluginQueueJob {
  /** A card action requested on a card (its timeline line), staged in the outbox with `outboxId`. */
  cardEventId?: string;
  outboxId?: string;
  /** A job a plugin enqueued (ctx.jobs.enqueue). */
  pluginJobId?: string;
}

/**
 * How long a job holds the card action it runs. Far above any run time (each call is bounded by its timeout); if
 * the worker dies mid-job, the relay's next copy runs it once the claim has expired.
 */
const CLAIM_MS = 5 * 60_000;

/**
 * The plugin work that is not a domain event: card actions (a person asks for an automation) and the jobs plugins
 * enqueue. Hooks run from domain events (PluginHookSubscriber). Failures are recorded per call.
 */
@Processor(QUEUES.pluginHooks, { autorun: false })
export class PluginJobsProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly hooks: PluginHooksService,
    private readonly capabilities: PluginCapabilities,
    private readonly cards: PluginCardQuery,
    private readonly outbox: OutboxService,
    private readonly numbers: NumberRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    startWorker(this.worker, { concurrency: 4, lockDurationMs: this.config.worker.lockDurationMs });
  }

  async process(job: Job<PluginQueueJob>) {
    const data = job.data;
    if (data.pluginJobId)
      return {
        job: await this.hooks.runJob(
          data.pluginJobId,
          this.capabilities.factory,
          async (numberId) => (await this.numbers.byId(numberId))?.departmentId ?? null,
        ),
      };
    // Claimed like any outbox entry, so the relay's copy of a slow job never runs the action twice.
    if (data.outboxId && !(await this.outbox.claim([data.outboxId], CLAIM_MS)).length)
      return { skipped: 'done or running elsewhere' };
    const result = data.cardEventId ? await this.cardAction(data.cardEventId) : { skipped: 'unknown job' };
    await this.outbox.markDone(data.outboxId);
    return result;
  }

  private async cardAction(cardEventId: string) {
    const action = await this.cards.action(cardEventId);
    if (!action) return { skipped: 'no such card action' };
    const { card, numberId } = action.card;
    return this.hooks.runAutomations(
      { numberId, departmentId: card.departmentId },
      action.pluginId,
      [action.automation],
      card,
      this.capabilities.factory,
    );
  }
}
