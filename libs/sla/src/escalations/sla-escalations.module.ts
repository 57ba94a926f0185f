import { Module } from '@nestjs/common';
import { ConversationsModule } from '@switchboard/conversations';
import { PipelinesModule } from '@switchboard/pipelines';
import { SlaEscalations } from './sla-escalations.service';

/**
 * The escalations the SLA clocks' timer handlers run on warning and breach. Assignment's service comes from its
 * global module; ownership from conversations, the timeline from pipelines.
 */
@Module({
  imports: [ConversationsModule, PipelinesModule],
  providers: [SlaEscalations],
  exports: [SlaEscalations],
})
export class SlaEscalationsModule {}
