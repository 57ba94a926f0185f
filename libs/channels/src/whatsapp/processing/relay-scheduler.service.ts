import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig, OutboxRelayService } from '@switchboard/engine';
import { InboundRelayService } from './inbound-relay.service';

/**
 * Ticks the relays in worker processes. A process-local timer is fine here: both relays claim rows in
 * PostgreSQL and dedupe by job id, so several worker replicas ticking at once cannot double-process.
 */
@Injectable()
export class RelayScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RelayScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly inbound: InboundRelayService,
    private readonly outbox: OutboxRelayService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.intake.relayIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  async tick(): Promise<void> {
    if (this.running) return;
    this.running = (async () => {
      try {
        const events = await this.inbound.tick();
        const jobs = await this.outbox.tick();
        if (events || jobs) this.logger.log(`relay re-queued ${events} event(s) and ${jobs} outbox job(s)`);
      } catch (e) {
        this.logger.warn(`relay tick failed: ${(e as Error).message}`);
      }
    })().finally(() => (this.running = null));
    await this.running;
  }
}
