import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { RoutingFactsQuery } from '@switchboard/conversations';
import {
  APP_CONFIG,
  AppConfig,
  Clock,
  DomainEvent,
  DurableTimers,
  OnDomainEvent,
  TimerInput,
} from '@switchboard/engine';
import {
  WINDOW_CLOSED,
  WINDOW_WARNING,
  windowClosedKey,
  windowWarningKey,
  WindowTimerPayload,
} from './window-timers';

export const WINDOW_SUBSCRIBER = 'sla.window';

/**
 * Keeps each open conversation's free-reply window as two durable timers: a warning `sla.windowWarningMinutes`
 * before it closes and its close. A customer message moves the close (intake sets windowExpiresAt), so the timers
 * are set again from the conversation as it is now (one read per batch, whatever the events' order); a closed
 * conversation has none, a reopened one gets them back.
 */
@Injectable()
export class WindowDeadlineSubscriber {
  constructor(
    private readonly conversations: RoutingFactsQuery,
    private readonly timers: DurableTimers,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @OnDomainEvent(
    ['message.received', 'conversation.opened', 'conversation.reopened', 'conversation.closed'],
    WINDOW_SUBSCRIBER,
  )
  async handle(events: DomainEvent[], em: EntityManager): Promise<void> {
    const ids = [...new Set(events.map((e) => conversationOf(e)).filter((id): id is string => Boolean(id)))];
    const found = await this.conversations.conversations(em, ids);
    const now = this.clock.now().getTime();
    const warningMs = this.config.sla.windowWarningMinutes * 60_000;
    const schedule: TimerInput[] = [];
    const cancel: string[] = [];
    for (const id of ids) {
      const c = found.get(id);
      const closesAt = c?.windowExpiresAt ?? null;
      if (!c || c.status !== 'open' || !closesAt) {
        cancel.push(windowWarningKey(id), windowClosedKey(id));
        continue;
      }
      const payload: WindowTimerPayload & Record<string, unknown> = {
        conversationId: id,
        closesAt: closesAt.toISOString(),
      };
      // A close already past still fires (once: the handler remembers each close it told), a warning for it never.
      if (closesAt.getTime() > now)
        schedule.push({
          kind: WINDOW_WARNING,
          key: windowWarningKey(id),
          dueAt: new Date(closesAt.getTime() - warningMs),
          payload,
        });
      schedule.push({ kind: WINDOW_CLOSED, key: windowClosedKey(id), dueAt: closesAt, payload });
    }
    await this.timers.cancel(em, cancel);
    await this.timers.schedule(em, schedule);
  }
}

function conversationOf(event: DomainEvent): string | null {
  switch (event.name) {
    case 'message.received':
    case 'conversation.opened':
    case 'conversation.reopened':
    case 'conversation.closed':
      return event.payload.conversationId;
    default:
      return null;
  }
}
