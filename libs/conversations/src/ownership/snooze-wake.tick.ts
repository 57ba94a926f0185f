import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { ConversationLifecycleService } from './conversation-lifecycle.service';

/**
 * Wakes snoozed conversations when their time comes. Runs in worker-role processes only (ScheduleModule is started
 * with domain event delivery); each due row is claimed (`for update skip locked`), so several workers never wake one
 * twice.
 */
@Injectable()
export class SnoozeWakeTick {
  private readonly log = new Logger(SnoozeWakeTick.name);
  private running = false;

  constructor(
    private readonly em: EntityManager,
    private readonly lifecycle: ConversationLifecycleService,
  ) {}

  @Interval('conversations.snooze-wake', 1000)
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      // A full batch means more are due: keep going until a short one.
      while ((await this.em.fork().transactional((em) => this.lifecycle.wakeDue(em))) === 500);
    } catch (error) {
      this.log.warn(`waking snoozed conversations failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
