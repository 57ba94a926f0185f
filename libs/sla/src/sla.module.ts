import { Module } from '@nestjs/common';
import { SlaClocksModule } from './clocks/sla-clocks.module';
import { SlaStatesModule } from './state/sla-states.module';
import { SlaWindowModule } from './window/sla-window.module';
import { SlaEscalationsModule } from './escalations/sla-escalations.module';
import { SlaPoliciesModule } from './policies/sla-policies.module';
import { SlaRecomputeModule } from './recompute/sla-recompute.module';

/**
 * SLA: business-time clocks per conversation against the department's policies, their deadlines as durable timers,
 * escalations on warning and breach, and each conversation's 🟢/🟡/🔴 state (the ConversationSlaStates port).
 */
@Module({
  imports: [
    SlaClocksModule,
    SlaStatesModule,
    SlaWindowModule,
    SlaEscalationsModule,
    SlaPoliciesModule,
    SlaRecomputeModule,
  ],
})
export class SlaModule {}
