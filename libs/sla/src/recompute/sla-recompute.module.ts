import { Module } from '@nestjs/common';
import { declareSubscribers, declareTimers } from '@switchboard/engine';
import { SlaClocksModule } from '../clocks/sla-clocks.module';
import { RECOMPUTE_TIMER } from './recompute-timers';
import { SlaRecomputeHandler } from './sla-recompute.handler';
import { SLA_RECOMPUTE_SUBSCRIBER, SlaRecomputeSubscriber } from './sla-recompute.subscriber';

/** Running clocks follow an edited policy or department calendar: recomputed in batches after the edit commits. */
@Module({
  imports: [SlaClocksModule],
  providers: [
    SlaRecomputeSubscriber,
    SlaRecomputeHandler,
    declareSubscribers('sla.recompute', [SLA_RECOMPUTE_SUBSCRIBER]),
    declareTimers('sla.recompute', [RECOMPUTE_TIMER]),
  ],
})
export class SlaRecomputeModule {}
