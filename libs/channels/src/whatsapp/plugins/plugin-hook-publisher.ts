import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig, OutboxService, QUEUES, sql, StagedJob, uuidv7 } from '@switchboard/engine';

/**
 * Publishes the hook entries intake stages (one per drained batch) as coarse queue jobs: at most one per
 * plugins.hookCoalesceMs, naming every entry staged since. Under load that is a handful of hook jobs a second
 * instead of one per batch, so plugins cost intake little. An entry that misses its job is published by the
 * outbox relay.
 */
@Injectable()
export class PluginHookPublisher implements OnModuleDestroy {
  private readonly logger = new Logger(PluginHookPublisher.name);
  private pending: string[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly em: EntityManager,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  schedule(entry: StagedJob): void {
    this.pending.push(entry.id);
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), this.config.plugins.hookCoalesceMs);
  }

  private async flush(): Promise<void> {
    this.timer = null;
    const ids = this.pending;
    this.pending = [];
    if (!ids.length) return;
    try {
      await this.outbox
        .queue(QUEUES.pluginHooks)
        .add('deliveries', { outboxIds: ids.join(',') }, { jobId: uuidv7() });
      await sql(this.em.fork(), 'update outbox set published_at = now() where id = any(?::uuid[])', [ids]);
    } catch (e) {
      this.logger.warn(
        `${ids.length} plugin hook entries not queued yet (${(e as Error).message}); the relay will`,
      );
    }
  }

  onModuleDestroy(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
