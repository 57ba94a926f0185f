import { Module } from '@nestjs/common';
import { ConversationsModule } from '@switchboard/conversations';
import { declareSubscribers, declareTimers } from '@switchboard/engine';
import { CardStagesQuery, PipelinesModule } from '@switchboard/pipelines';
import { SlaEscalationsModule } from '../escalations/sla-escalations.module';
import { SlaPoliciesModule } from '../policies/sla-policies.module';
import { BREACH_TIMER, WARNING_TIMER } from './clock-effects';
import { ClockContextFactory } from './clock-context.factory';
import { ClockEffectsWriter } from './clock-effects.writer';
import { ConversationSlaController } from './conversation-sla.controller';
import { ConversationSlaQuery } from './conversation-sla.query';
import { SlaClockRepository } from './sla-clock.repository';
import { SLA_CLOCKS_SUBSCRIBER, SlaClocksSubscriber } from './sla-clocks.subscriber';
import { SlaConversationRepository } from './sla-conversation.repository';
import { SlaDeadlinesHandler } from './sla-deadlines.handler';

/** SLA clocks per conversation: kept from domain events, their deadlines as durable timers, and their API. */
@Module({
  imports: [ConversationsModule, PipelinesModule, SlaPoliciesModule, SlaEscalationsModule],
  controllers: [ConversationSlaController],
  providers: [
    SlaClockRepository,
    SlaConversationRepository,
    ClockContextFactory,
    ClockEffectsWriter,
    SlaClocksSubscriber,
    SlaDeadlinesHandler,
    ConversationSlaQuery,
    // Pipelines' read of card stage categories (stateless), provided here as routing provides its reads.
    CardStagesQuery,
    declareSubscribers('sla.clocks', [SLA_CLOCKS_SUBSCRIBER]),
    declareTimers('sla.clocks', [WARNING_TIMER, BREACH_TIMER]),
  ],
  // For the recompute after a policy or calendar edit (libs/sla/src/recompute).
  exports: [SlaClockRepository, SlaConversationRepository, ClockContextFactory, ClockEffectsWriter],
})
export class SlaClocksModule {}
