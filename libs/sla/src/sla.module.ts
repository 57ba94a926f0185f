import { Module } from '@nestjs/common';

/**
 * SLA: business-time clocks per conversation against the department's policies, their deadlines as durable timers,
 * escalations on warning and breach, and each conversation's 🟢/🟡/🔴 state (the ConversationSlaStates port).
 */
@Module({})
export class SlaModule {}
