import { Module } from '@nestjs/common';
import { SlaPoliciesModule } from './policies/sla-policies.module';

/**
 * SLA: business-time clocks per conversation against the department's policies, their deadlines as durable timers,
 * escalations on warning and breach, and each conversation's 🟢/🟡/🔴 state (the ConversationSlaStates port).
 */
@Module({
  imports: [SlaPoliciesModule],
})
export class SlaModule {}
