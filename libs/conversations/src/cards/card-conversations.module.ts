import { Global, Module } from '@nestjs/common';
import { CardConversations } from '@switchboard/pipelines';
import { ConversationsForCards } from './card-conversations.provider';

/** Global, so pipelines' providers (a library below conversations) can inject the CardConversations port. */
@Global()
@Module({
  providers: [{ provide: CardConversations, useClass: ConversationsForCards }],
  exports: [CardConversations],
})
export class CardConversationsModule {}
