import { Global, Module } from '@nestjs/common';
import { ConversationSlaStates } from '@switchboard/engine';
import { SlaConversationStates } from './sla-conversation-states.provider';

/**
 * Global, so the conversations and pipelines libraries (below sla) can inject the engine's ConversationSlaStates
 * port for their APIs, in the api and the worker alike.
 */
@Global()
@Module({
  providers: [{ provide: ConversationSlaStates, useClass: SlaConversationStates }],
  exports: [ConversationSlaStates],
})
export class SlaStatesModule {}
