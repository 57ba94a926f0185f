import { Module } from '@nestjs/common';
import { RoutingFactsQuery } from '@switchboard/conversations';
import { declareSubscribers, declareTimers } from '@switchboard/engine';
import { WINDOW_SUBSCRIBER, WindowDeadlineSubscriber } from './window-deadline.subscriber';
import { WindowNotices } from './window-notices.service';
import { WINDOW_TIMER_KINDS } from './window-timers';

/** The free-reply window as a deadline: its timers, and the closing-soon and closed events they fire. */
@Module({
  providers: [
    WindowDeadlineSubscriber,
    WindowNotices,
    // The conversations library's batched conversation read (stateless), provided here as routing does.
    RoutingFactsQuery,
    declareSubscribers('sla.window', [WINDOW_SUBSCRIBER]),
    declareTimers('sla.window', WINDOW_TIMER_KINDS),
  ],
})
export class SlaWindowModule {}
